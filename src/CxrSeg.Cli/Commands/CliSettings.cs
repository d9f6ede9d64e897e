using System.ComponentModel;
using Spectre.Console.Cli;

namespace CxrSeg.Cli.Commands;

/// <summary>Options every command accepts.</summary>
public abstract class CliSettings : CommandSettings
{
    /// <summary>
    /// No colours, styles or links. <see cref="CliApp"/> reads it from the raw arguments before parsing (so it works
    /// anywhere on the line, <c>--help</c> included); it is declared here so every command's help lists it.
    /// </summary>
    [CommandOption(CliApp.NoColorOption), Description("No colours, styles or links (also when NO_COLOR is set or the output is not a terminal).")]
    public bool NoColor { get; init; }
}
