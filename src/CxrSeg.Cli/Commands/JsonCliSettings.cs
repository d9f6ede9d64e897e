using System.ComponentModel;
using Spectre.Console.Cli;

namespace CxrSeg.Cli.Commands;

/// <summary>Options of commands whose output a script may parse.</summary>
public abstract class JsonCliSettings : CliSettings
{
    /// <summary>Write one JSON document to stdout instead of tables.</summary>
    [CommandOption("--json"), Description("Write one JSON document to stdout instead of tables (for scripts).")]
    public bool Json { get; init; }
}
