using System.ComponentModel;
using CxrSeg.Cli.Output;
using CxrSeg.Models;
using Spectre.Console;
using Spectre.Console.Cli;

namespace CxrSeg.Cli.Commands;

/// <summary><c>cxrseg models</c>: every encoder × architecture pairing with its parameter count.</summary>
public sealed class ModelsCommand : Command<ModelsCommand.Settings>
{
    /// <summary>Options of <c>models</c>.</summary>
    public sealed class Settings : JsonCliSettings
    {
        /// <summary>Input channels.</summary>
        [CommandOption("--in-channels <C>"), Description("Input channels the networks are built for (grey X-rays: 1)."), DefaultValue(1)]
        public int InChannels { get; init; } = 1;

        /// <summary>Output classes.</summary>
        [CommandOption("--classes <K>"), Description("Classes (segmentation) or labels (classifier); the autoencoder outputs the input channels."), DefaultValue(13)]
        public int Classes { get; init; } = 13;
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings settings)
    {
        if (settings.Json)
        {
            CliJson.Write(new { inChannels = settings.InChannels, classes = settings.Classes, pairings = ModelCatalog.List(settings.InChannels, settings.Classes) });
            return ExitCodes.Success;
        }
        var table = CliTable.New().AddColumn("architecture").AddColumn("encoder").AddColumn(new TableColumn("parameters").RightAligned()).AddColumn("output").AddColumn("note");
        void Fill()
        {
            foreach (var e in ModelCatalog.List(settings.InChannels, settings.Classes))
                table.AddRow(e.Architecture, e.Encoder, e.Parameters is { } p ? p.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) : "[red]impossible[/]",
                    Markup.Escape(e.Output), Markup.Escape(e.Note ?? ""));
        }
        if (AnsiConsole.Profile.Capabilities.Interactive) AnsiConsole.Status().Start("building each pairing to count its parameters…", _ => Fill());
        else Fill();
        AnsiConsole.MarkupLine($"in-channels {settings.InChannels}, classes {settings.Classes}");
        AnsiConsole.Write(table);
        return 0;
    }
}
