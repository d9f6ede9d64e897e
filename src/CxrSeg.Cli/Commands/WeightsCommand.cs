using System.ComponentModel;
using CxrSeg.Cli.Output;
using CxrSeg.Models;
using CxrSeg.Models.Weights;
using Spectre.Console;
using Spectre.Console.Cli;

namespace CxrSeg.Cli.Commands;

/// <summary><c>cxrseg weights</c>: which torchvision ImageNet file each encoder needs, where it is published, and whether a folder has it.</summary>
public sealed class WeightsCommand : Command<WeightsCommand.Settings>
{
    /// <summary>Options of <c>weights</c>.</summary>
    public sealed class Settings : JsonCliSettings
    {
        /// <summary>Folder to check.</summary>
        [CommandOption("--dir <DIR>"), Description("Weights folder to check for each file (default: none, only list).")]
        public string? Dir { get; init; }
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings settings)
    {
        if (settings.Json)
        {
            CliJson.Write(EncoderRegistry.All.Select(e => new
            {
                encoder = e.Name, file = e.ImageNetFile, url = e.ImageNetUrl,
                bundled = e.BundledImageNet is not null,
                available = e.BundledImageNet is not null ? BundledImageNetWeights.Available()
                    : settings.Dir is null ? (bool?)null : File.Exists(Path.Combine(settings.Dir, e.ImageNetFile)),
            }));
            return ExitCodes.Success;
        }
        var table = CliTable.New().AddColumn("encoder").AddColumn("file").AddColumn("published at").AddColumn("available");
        foreach (var e in EncoderRegistry.All)
        {
            var available = e.BundledImageNet is not null
                ? BundledImageNetWeights.Available() ? "[green]yes (bundled)[/]" : "[red]no: missing from this build[/]"
                : settings.Dir is null ? "with --imagenet-weights"
                : File.Exists(Path.Combine(settings.Dir, e.ImageNetFile)) ? "[green]yes[/]" : "[yellow]no[/]";
            table.AddRow(e.Name, Markup.Escape(e.ImageNetFile), Markup.Escape(e.ImageNetUrl), available);
        }
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine("[bold]resnet18-cntk[/] starts from ImageNet with [bold]--init imagenet[/] and no file: its weights come with the build.");
        AnsiConsole.MarkupLine("For the others nothing is downloaded at run time: put torchvision's files in a folder and pass it with [bold]--imagenet-weights DIR[/] (or one file).");
        return 0;
    }
}
