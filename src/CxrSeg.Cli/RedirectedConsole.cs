using Spectre.Console;

namespace CxrSeg.Cli;

/// <summary>
/// Plain output when stdout is a file or a pipe (a Slurm log, CI, a test): no ANSI colour codes, even where TERM says
/// the terminal the job was submitted from had colours, and lines wrapped at <see cref="Width"/> columns rather than
/// Spectre's default 80, so one plan's log line stays one line that grep can find.
/// </summary>
internal static class RedirectedConsole
{
    /// <summary>Line width for redirected output (COLUMNS wins when set).</summary>
    public const int Width = 240;

    public static void Apply()
    {
        if (!Console.IsOutputRedirected) return;
        AnsiConsole.Profile.Capabilities.Ansi = false;
        AnsiConsole.Profile.Capabilities.ColorSystem = ColorSystem.NoColors;
        AnsiConsole.Profile.Capabilities.Interactive = false;
        if (!int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), out var cols) || cols < 20) cols = Width;
        AnsiConsole.Profile.Width = cols;
    }
}
