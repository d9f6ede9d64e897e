using CxrSeg.Cli.Output;
using System.ComponentModel;
using CxrSeg.Phantoms;
using Spectre.Console;
using Spectre.Console.Cli;

namespace CxrSeg.Cli.Commands;

/// <summary><c>cxrseg synth</c>: writes synthetic CheXpert-, SIIM- and CCXS-like datasets in their real layouts.</summary>
public sealed class SynthCommand : Command<SynthCommand.Settings>
{
    /// <summary>Options of <c>synth</c>.</summary>
    public sealed class Settings : CliSettings
    {
        /// <summary>Output folder.</summary>
        [CommandOption("--out <DIR>"), Description("Output folder (default: synth).") , DefaultValue("synth")]
        public string Out { get; init; } = "synth";

        /// <summary>Seed.</summary>
        [CommandOption("--seed <N>"), Description("Random seed; the same seed gives byte-identical trees (default: 1)."), DefaultValue(1)]
        public int Seed { get; init; } = 1;

        /// <summary>CheXpert count.</summary>
        [CommandOption("--chexpert <N>"), Description("CheXpert-like image rows (frontal + lateral) (default: 300)."), DefaultValue(300)]
        public int CheXpert { get; init; } = 300;

        /// <summary>SIIM count.</summary>
        [CommandOption("--siim <N>"), Description("SIIM-like DICOM images (default: 150)."), DefaultValue(150)]
        public int Siim { get; init; } = 150;

        /// <summary>CCXS count.</summary>
        [CommandOption("--ccxs <N>"), Description("CCXS-like annotated images (default: 100)."), DefaultValue(100)]
        public int Ccxs { get; init; } = 100;

        /// <summary>Base size.</summary>
        [CommandOption("--size <PX>"), Description("Base image size in pixels: CheXpert height; SIIM uses 1.5x, CCXS 0.8-2x (default: 320)."), DefaultValue(320)]
        public int Size { get; init; } = 320;

        /// <summary>Parallelism.</summary>
        [CommandOption("--threads <N>"), Description("Worker threads; 0 = one per core (default: 0)."), DefaultValue(0)]
        public int Threads { get; init; }

        /// <summary>Preview sheet.</summary>
        [CommandOption("--preview <FILE>"), Description("Also write a PNG contact sheet with mask overlays and boxes (default: none).")]
        public string? Preview { get; init; }

        /// <summary>Plain preview.</summary>
        [CommandOption("--preview-plain"), Description("Show the plain radiographs in the preview, without mask outlines and boxes (default: overlays).")]
        public bool PreviewPlain { get; init; }

        /// <summary>Quiet.</summary>
        [CommandOption("--quiet"), Description("No progress bar (default: show it).")]
        public bool Quiet { get; init; }
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings s)
    {
        var options = new SynthOptions
        {
            OutputDir = s.Out, Seed = s.Seed, CheXpertCount = s.CheXpert, SiimCount = s.Siim, CcxsCount = s.Ccxs,
            Size = s.Size, Threads = s.Threads, PreviewPath = s.Preview, PreviewOverlays = !s.PreviewPlain,
        };
        SynthResult result;
        if (s.Quiet) result = PhantomSynthesizer.Run(options, null);
        else
            result = AnsiConsole.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .Start(ctx =>
                {
                    var tasks = new Dictionary<string, ProgressTask>();
                    return PhantomSynthesizer.Run(options, (name, done, total) =>
                    {
                        lock (tasks)
                        {
                            if (!tasks.TryGetValue(name, out var t)) tasks[name] = t = ctx.AddTask(name, maxValue: total);
                            t.Value = done;
                        }
                    });
                });
        var table = CliTable.New().AddColumn("dataset").AddColumn("images").AddColumn("folder").AddColumn("seconds");
        foreach (var d in result.Datasets) table.AddRow(d.Name, d.Images.ToString(), Markup.Escape(d.Folder), d.Seconds.ToString("F1"));
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"total {result.Seconds:F1} s, {result.PhantomsPerSecond:F1} phantoms/s on {result.Threads} thread(s)");
        if (options.PreviewPath is not null) AnsiConsole.MarkupLine($"preview: {Markup.Escape(options.PreviewPath)}");
        return 0;
    }
}
