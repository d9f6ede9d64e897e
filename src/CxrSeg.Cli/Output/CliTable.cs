using Spectre.Console;

namespace CxrSeg.Cli.Output;

/// <summary>Tables of the CLI: box-drawing borders on a terminal, plain ASCII (<c>+ - |</c>) in pipes and files.</summary>
public static class CliTable
{
    /// <summary>A new empty table with the border the current console can show.</summary>
    public static Table New() =>
        new Table().Border(AnsiConsole.Profile.Capabilities.Unicode ? TableBorder.Square : TableBorder.Ascii);
}
