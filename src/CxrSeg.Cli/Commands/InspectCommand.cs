using System.ComponentModel;
using CxrSeg.Cli.Output;
using CxrSeg.Data.ImageFiles;
using CxrSeg.Data.Images;
using Spectre.Console.Cli;
using Spectre.Console;

namespace CxrSeg.Cli.Commands;

/// <summary><c>cxrseg inspect FILE</c>: size, bits, photometric, transfer syntax, display steps and value statistics.</summary>
public sealed class InspectCommand : Command<InspectCommand.Settings>
{
    /// <summary>Options of <c>inspect</c>.</summary>
    public sealed class Settings : CliSettings
    {
        /// <summary>File to inspect.</summary>
        [CommandArgument(0, "<FILE>"), Description("A DICOM, PNG or JPEG file.")]
        public string File { get; init; } = "";
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings settings)
    {
        var report = ImageInspector.Inspect(settings.File);
        var table = CliTable.New().AddColumn("field").AddColumn("value").Title(Markup.Escape(report.File));
        foreach (var (f, v) in report.Fields) table.AddRow(Markup.Escape(f), Markup.Escape(v));
        AnsiConsole.Write(table);
        return 0;
    }
}
