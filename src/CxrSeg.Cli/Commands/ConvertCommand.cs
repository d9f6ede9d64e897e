using System.ComponentModel;
using CxrSeg.Data.ImageFiles;
using CxrSeg.Data.Images;
using Spectre.Console.Cli;
using Spectre.Console;

namespace CxrSeg.Cli.Commands;

/// <summary><c>cxrseg convert IN OUT.png [--raw]</c>: display image as 8-bit grey PNG, or stored values as 16-bit PNG.</summary>
public sealed class ConvertCommand : Command<ConvertCommand.Settings>
{
    /// <summary>Options of <c>convert</c>.</summary>
    public sealed class Settings : CliSettings
    {
        /// <summary>Input.</summary>
        [CommandArgument(0, "<IN>"), Description("A DICOM, PNG or JPEG file.")]
        public string Input { get; init; } = "";

        /// <summary>Output.</summary>
        [CommandArgument(1, "<OUT>"), Description("The PNG to write.")]
        public string Output { get; init; } = "";

        /// <summary>Stored values instead of display.</summary>
        [CommandOption("--raw"), Description("Write the stored values exactly as decoded (16-bit PNG for 16-bit DICOMs) instead of the display image (default: off).")]
        public bool Raw { get; init; }

        /// <summary>Replace an existing output.</summary>
        [CommandOption("--force"), Description("Replace OUT when it exists (default: an existing file is never overwritten).")]
        public bool Force { get; init; }
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings s)
    {
        AnsiConsole.MarkupLine(Markup.Escape(ImageInspector.ConvertToPng(s.Input, s.Output, s.Raw, s.Force)));
        return 0;
    }
}
