using System.ComponentModel;
using CxrSeg.Bench;
using Spectre.Console;
using Spectre.Console.Cli;

namespace CxrSeg.Cli.Commands;

/// <summary><c>cxrseg bench [SUITE...]</c>: the benchmark suites, as a table and optionally JSON.</summary>
public sealed class BenchCommand : Command<BenchCommand.Settings>
{
    /// <summary>Options of <c>bench</c>.</summary>
    public sealed class Settings : CommandSettings
    {
        /// <summary>Suites to run.</summary>
        [CommandArgument(0, "[SUITE]"), Description("Suites to run (default: all). Use --list to see them.")]
        public string[] Suites { get; init; } = [];

        /// <summary>JSON output.</summary>
        [CommandOption("--json <FILE>"), Description("Also write every figure to this JSON file (atomically).")]
        public string? Json { get; init; }

        /// <summary>Repeats.</summary>
        [CommandOption("--repeat <N>"), Description("Repeat each measurement N times and report the median."), DefaultValue(1)]
        public int Repeat { get; init; } = 1;

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
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings settings)
    {
        if (settings.List)
        {
            foreach (var s in BenchRunner.AllSuites) AnsiConsole.MarkupLine($"[bold]{s.Name,-12}[/] {Markup.Escape(s.Description)}");
            return 0;
        }
        var suites = BenchRunner.Select(settings.Suites);
        CxrSeg.Platform.TorchRuntime.Initialize();
        if (settings.Threads is { } t) TorchSharp.torch.set_num_threads(t);
        var ctx = new BenchContext(settings.Repeat, settings.Device, settings.Scratch, m => AnsiConsole.MarkupLine($"[grey]{Markup.Escape(m)}[/]"));
        BenchRunner.Run(suites, ctx, settings.Json, Render);
        if (settings.Json is not null) AnsiConsole.MarkupLine($"wrote [bold]{Markup.Escape(settings.Json)}[/]");
        return 0;
    }

    private static void Render(BenchSuiteResult r)
    {
        var table = new Table().Title($"[bold]{r.Suite}[/] — {r.Threads} threads, load {r.LoadBefore:F2} → {r.LoadAfter:F2}, {r.Seconds:F0} s")
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
