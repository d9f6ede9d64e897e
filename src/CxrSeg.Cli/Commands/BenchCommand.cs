using CxrSeg.Cli.Output;
using System.ComponentModel;
using CxrSeg.Bench;
using Spectre.Console;
using Spectre.Console.Cli;

namespace CxrSeg.Cli.Commands;

/// <summary><c>cxrseg bench [SUITE...]</c>: the benchmark suites, as tables and optionally JSON and Markdown.</summary>
public sealed class BenchCommand : Command<BenchCommand.Settings>
{
    /// <summary>Options of <c>bench</c>.</summary>
    public sealed class Settings : CliSettings
    {
        /// <summary>Suites to run.</summary>
        [CommandArgument(0, "[SUITE]"), Description("Suites to run (default: all but conv-paths). Use --list to see them.")]
        public string[] Suites { get; init; } = [];

        /// <summary>JSON output.</summary>
        [CommandOption("--json <FILE>"), Description("Also write every figure to this JSON file (atomically, after every suite).")]
        public string? Json { get; init; }

        /// <summary>Markdown output.</summary>
        [CommandOption("--markdown <FILE>"), Description("Also write the results as a Markdown table (for the README).")]
        public string? Markdown { get; init; }

        /// <summary>Render an earlier JSON file.</summary>
        [CommandOption("--from-json <FILE>"), Description("Run nothing: render this earlier --json file (as a table, or to --markdown).")]
        public string? FromJson { get; init; }

        /// <summary>Repeats.</summary>
        [CommandOption("--repeat <N>"), Description("Repeat each measurement N times and report the median."), DefaultValue(1)]
        public int Repeat { get; init; } = 1;

        /// <summary>Smoke-run sizes.</summary>
        [CommandOption("--quick"), Description("Smoke run: 64², batch 2, one step, resnet18 pairings, a few images (seconds per suite).")]
        public bool Quick { get; init; }

        /// <summary>Input size.</summary>
        [CommandOption("--size <PX>"), Description("Input side in pixels (multiple of 32; default 256, --quick 64).")]
        public int? Size { get; init; }

        /// <summary>Batch.</summary>
        [CommandOption("--batch <N>"), Description("Images per step (default 8, --quick 2).")]
        public int? Batch { get; init; }

        /// <summary>Timed steps.</summary>
        [CommandOption("--steps <N>"), Description("Timed train steps per pairing after one warm-up step (default 2, --quick 1).")]
        public int? Steps { get; init; }

        /// <summary>Pairings.</summary>
        [CommandOption("--pairings <LIST>"), Description("Comma-separated architecture-encoder pairings for train-step, or 'all' (default: unet-resnet50, unet-vgg16, deeplabv3-resnet50, classifier-resnet50, autoencoder-resnet50).")]
        public string? Pairings { get; init; }

        /// <summary>Model of the other suites.</summary>
        [CommandOption("--model <PAIRING>"), Description("Network of the epoch, loader, predict and memory suites (default unet-resnet50, --quick unet-resnet18).")]
        public string? Model { get; init; }

        /// <summary>Memory epochs.</summary>
        [CommandOption("--memory-epochs <N>"), Description("Epochs of the memory suite (default 10, --quick 3).")]
        public int? MemoryEpochs { get; init; }

        /// <summary>Device.</summary>
        [CommandOption("--device <DEVICE>"), Description("cpu or cuda."), DefaultValue("cpu")]
        public string Device { get; init; } = "cpu";

        /// <summary>Threads.</summary>
        [CommandOption("--threads <N>"), Description("libtorch threads (default: all cores).")]
        public int? Threads { get; init; }

        /// <summary>Scratch folder.</summary>
        [CommandOption("--scratch <DIR>"), Description("Scratch folder for generated data."), DefaultValue("workspace/bench")]
        public string Scratch { get; init; } = "workspace/bench";

        /// <summary>List suites.</summary>
        [CommandOption("--list"), Description("List the suites and exit.")]
        public bool List { get; init; }

        /// <summary>The suite sizes these options choose.</summary>
        public BenchSettings ToBenchSettings()
        {
            var b = Quick ? BenchSettings.Quick : new BenchSettings();
            return b with
            {
                Size = Size ?? b.Size,
                Batch = Batch ?? b.Batch,
                Steps = Steps ?? b.Steps,
                Pairings = Pairings is null ? b.Pairings : Pairings.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                Model = Model ?? b.Model,
                MemoryEpochs = MemoryEpochs ?? b.MemoryEpochs,
            };
        }
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings settings)
    {
        CxrSeg.Platform.DeviceCheck.Require(settings.Device);
        if (settings.List)
        {
            foreach (var s in BenchRunner.AllSuites)
                AnsiConsole.MarkupLine($"[bold]{s.Name,-12}[/] {Markup.Escape(s.Description)}{(BenchRunner.DefaultSuites.Contains(s) ? "" : " (only when named)")}");
            return 0;
        }
        if (settings.FromJson is not null)
        {
            var earlier = BenchReport.Load(settings.FromJson);
            if (settings.Markdown is not null)
            {
                CxrSeg.Platform.AtomicFile.WriteAllText(settings.Markdown, BenchMarkdown.Render(earlier));
                AnsiConsole.MarkupLine($"wrote [bold]{Markup.Escape(settings.Markdown)}[/]");
            }
            else foreach (var r in earlier.Suites) Render(r);
            return 0;
        }
        var suites = BenchRunner.Select(settings.Suites);
        var benchSettings = settings.ToBenchSettings().Validate();
        CxrSeg.Platform.TorchRuntime.Initialize();
        if (settings.Threads is { } t) TorchSharp.torch.set_num_threads(t);
        var ctx = new BenchContext(settings.Repeat, settings.Device, settings.Scratch, m => AnsiConsole.MarkupLine($"[grey]{Markup.Escape(m)}[/]"), benchSettings);
        var command = "cxrseg bench " + string.Join(' ', context.Arguments.SkipWhile(a => a == "bench"));
        var report = BenchRunner.Run(suites, ctx, settings.Json, command.TrimEnd(), Render, settings.Markdown);
        AnsiConsole.MarkupLine($"all suites: {report.TotalSeconds:F0} s");
        if (settings.Json is not null) AnsiConsole.MarkupLine($"wrote [bold]{Markup.Escape(settings.Json)}[/]");
        if (settings.Markdown is not null) AnsiConsole.MarkupLine($"wrote [bold]{Markup.Escape(settings.Markdown)}[/]");
        return 0;
    }

    private static void Render(BenchSuiteResult r)
    {
        var table = CliTable.New().Title($"[bold]{r.Suite}[/] — {r.Threads} threads, load {r.LoadBefore:F2} → {r.LoadAfter:F2}, others {r.OtherBusy:P0} busy, median of {r.Repeat}, {r.Seconds:F0} s")
            .AddColumn("figure").AddColumn(new TableColumn("value").RightAligned()).AddColumn("unit")
            .AddColumn(new TableColumn("ratio").RightAligned()).AddColumn("of").AddColumn("target");
        foreach (var f in r.Figures)
            table.AddRow(Markup.Escape(f.Name), f.Value.ToString("G4"), Markup.Escape(f.Unit),
                f.Ratio?.ToString("F2") ?? "", Markup.Escape(f.RatioOf ?? ""),
                f.Target is null ? "" : (f.Met == true ? "[green]" : "[red]") + Markup.Escape(f.Target) + "[/]");
        AnsiConsole.Write(table);
        foreach (var n in r.Notes) AnsiConsole.MarkupLine($"[yellow]note:[/] {Markup.Escape(n)}");
    }
}
