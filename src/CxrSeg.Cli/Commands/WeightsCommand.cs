using System.ComponentModel;
using CxrSeg.Cli.Output;
using CxrSeg.Models;
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
                present = settings.Dir is null ? (bool?)null : File.Exists(Path.Combine(settings.Dir, e.ImageNetFile)),
            }));
            return ExitCodes.Success;
        }
        var table = CliTable.New().AddColumn("encoder").AddColumn("file").AddColumn("published at");
        if (settings.Dir is not null) table.AddColumn("present");
        foreach (var e in EncoderRegistry.All)
        {
            var row = new List<string> { e.Name, e.ImageNetFile, e.ImageNetUrl };
            if (settings.Dir is not null)
                row.Add(File.Exists(Path.Combine(settings.Dir, e.ImageNetFile)) ? "[green]yes[/]" : "[yellow]no[/]");
            table.AddRow(row.ToArray());
        }
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine("Nothing is downloaded at run time: put these files in a folder and pass it with [bold]--imagenet-weights DIR[/] (or one file).");
        return 0;
    }
}
