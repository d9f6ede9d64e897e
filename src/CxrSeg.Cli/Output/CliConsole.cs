using Spectre.Console;

namespace CxrSeg.Cli.Output;

/// <summary>Builds the Spectre consoles of one CLI invocation (stdout and stderr) from an <see cref="OutputPolicy"/>.</summary>
public static class CliConsole
{
    /// <summary>A console writing to <paramref name="writer"/> under <paramref name="policy"/>, with no environment-based guessing.</summary>
    public static IAnsiConsole Create(TextWriter writer, OutputPolicy policy)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = policy.Ansi ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = policy.Ansi ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = policy.Interactive ? InteractionSupport.Yes : InteractionSupport.No,
            Out = new AnsiConsoleOutput(policy.Ansi || policy.Interactive ? writer : new TrimmingWriter(writer)),
            Enrichment = new ProfileEnrichment { UseDefaultEnrichers = false },
        });
        console.Profile.Capabilities.Unicode = policy.Unicode;
        console.Profile.Capabilities.Links = policy.Ansi;
        if (policy.Width is { } w) console.Profile.Width = w;
        return console;
    }
}
