using CxrSeg.Cli.Output;
using System.ComponentModel;
using CxrSeg.Demo;
using CxrSeg.Experiments;
using Spectre.Console;
using Spectre.Console.Cli;

namespace CxrSeg.Cli.Commands;

/// <summary><c>cxrseg demo</c>: phantoms → prepare → none vs 1-step vs 2-step grid → Table 3 and report.html.</summary>
public sealed class DemoCommand : Command<DemoCommand.Settings>
{
    /// <summary>Options of <c>demo</c>.</summary>
    public sealed class Settings : CliSettings
    {
        /// <summary>Workspace.</summary>
        [CommandOption("--workspace <DIR>"), Description("Demo workspace; a rerun reuses what it finished. Must be new, empty or an earlier demo's (default: workspace/demo)."), DefaultValue("workspace/demo")]
        public string Workspace { get; init; } = "workspace/demo";

        /// <summary>Real CCXS.</summary>
        [CommandOption("--real-ccxs <DIR>"), Description("Fine-tune on this real CCXS folder instead of the CCXS phantoms; pretraining stays on phantoms (default: none).")]
        public string? RealCcxs { get; init; }

        /// <summary>Seed.</summary>
        [CommandOption("--seed <N>"), Description("Phantom seed (default: 1)."), DefaultValue(1)]
        public int Seed { get; init; } = 1;

        /// <summary>Device.</summary>
        [CommandOption("--device <DEVICE>"), Description("cpu or cuda (default: cpu)."), DefaultValue("cpu")]
        public string Device { get; init; } = "cpu";

        /// <summary>Tiny preset.</summary>
        [CommandOption("--tiny", IsHidden = true), Description("Smoke-test sizes: a handful of 32² images, one short epoch per stage (default: off).")]
        public bool Tiny { get; init; }

        /// <summary>Executor.</summary>
        [CommandOption("--executor <NAME>", IsHidden = true), Description("Stage executor: torch, or synthetic for a dry run (default: torch)."), DefaultValue(StageExecutors.DefaultName)]
        public string Executor { get; init; } = StageExecutors.DefaultName;

        /// <summary>Quiet.</summary>
        [CommandOption("--quiet"), Description("No progress display; print only the table and the summary (default: off).")]
        public bool Quiet { get; init; }
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings s)
    {
        CxrSeg.Platform.DeviceCheck.Require(s.Device);
        using var cts = CliCancel.OnCtrlC();
        var options = new DemoOptions
        {
            Workspace = s.Workspace, RealCcxs = s.RealCcxs, Seed = s.Seed, Device = s.Device, Executor = s.Executor,
            Sizes = s.Tiny ? DemoSizes.Tiny : DemoSizes.Standard,
        };
        if (!s.Quiet) AnsiConsole.MarkupLine($"[bold]cxrseg demo[/] — {Markup.Escape(options.Sizes.Describe())}");
        DemoResult result;
        try
        {
            result = s.Quiet ? DemoRunner.Run(options, null, cts.Token)
                : AnsiConsole.Profile.Capabilities.Interactive ? RunWithProgress(options, cts.Token)
                : DemoRunner.Run(options, new LineObserver(), cts.Token);
        }
        catch (OperationCanceledException)
        {
            AnsiConsole.MarkupLine("[yellow]interrupted:[/] finished phantoms, caches, stages and runs are kept; run the same command again to resume.");
            return ExitCodes.Interrupted;
        }
        Render(result);
        return result.RunsFailed.Count > 0 ? 1 : 0;
    }

    private static DemoResult RunWithProgress(DemoOptions options, CancellationToken cancel) =>
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                var observer = new ProgressObserver(ctx);
                var result = DemoRunner.Run(options, observer, cancel);
                observer.CompleteAll();
                return result;
            });

    private static void Render(DemoResult r)
    {
        var t = r.Report.Table;
        var table = CliTable.New().Title("Test mIoU % (mean ± best−worst over repeats)").AddColumn("backbone").AddColumn("strategy");
        foreach (var c in t.Columns) table.AddColumn(Markup.Escape(c.ShortTitle));
        for (var i = 0; i < t.Rows.Count; i++)
            table.AddRow([Markup.Escape(t.Rows[i].Encoder), Markup.Escape(t.Rows[i].StrategyTitle),
                .. t.Cells[i].Select(c => c is null ? "—" : Markup.Escape(FormattableString.Invariant($"{c.Mean:0.0} ± {c.Spread:0.0} (n={c.N})")))]);
        AnsiConsole.Write(table);
        foreach (var l in r.Report.VersusNone.Lines)
            AnsiConsole.MarkupLine(Markup.Escape($"{l.Strategy} vs none ({l.Column}): test {l.Test}; validation {l.Validation?.ToString() ?? "n/a"}"));
        AnsiConsole.MarkupLine(Markup.Escape(string.Join(", ", r.PhaseSeconds.Select(p => FormattableString.Invariant($"{p.Phase.ToString().ToLowerInvariant()} {p.Seconds:0} s")))));
        AnsiConsole.MarkupLine($"runs: trained now {r.RunsTrained}, reused {r.RunsReused}, [{(r.RunsFailed.Count > 0 ? "red" : "green")}]failed {r.RunsFailed.Count}[/]");
        foreach (var (run, reason) in r.RunsFailed) AnsiConsole.MarkupLine($"[red]failed:[/] {Markup.Escape(run)}: {Markup.Escape(reason)}");
        foreach (var n in r.Report.Notes) AnsiConsole.MarkupLine($"[yellow]note:[/] {Markup.Escape(n)}");
        AnsiConsole.MarkupLine($"report: [link]{Markup.Escape(r.ReportHtml)}[/] (and {Markup.Escape(Path.GetFileName(r.ReportMarkdown))}, results.csv/json)");
    }

    private static string Eta(TimeSpan? t) => t is { } v ? $"ETA {(int)v.TotalMinutes}m{v.Seconds:00}s" : "ETA …";

    /// <summary>Spectre progress: one task per phase; the training task shows the current stage and the ETA.</summary>
    private sealed class ProgressObserver(ProgressContext ctx) : IDemoObserver
    {
        private readonly Dictionary<DemoPhase, ProgressTask> _tasks = [];
        private TimeSpan? _eta;
        private string _last = "";

        public void OnPhase(DemoPhase phase, string description, bool reused)
        {
            foreach (var t in _tasks.Values) t.Value = t.MaxValue;
            var task = Task(phase);
            task.Description = Markup.Escape($"{Name(phase)}: {description}");
            if (reused) task.Value = task.MaxValue;
        }

        public void OnProgress(DemoPhase phase, double done, double total, string description)
        {
            var task = Task(phase);
            task.MaxValue = Math.Max(total, 1e-9);
            task.Value = Math.Min(done, total);
            _last = description;
            task.Description = Markup.Escape($"{Name(phase)}: {Cut(description)}{(phase == DemoPhase.Train ? "  " + Eta(_eta) : "")}");
        }

        public void OnEta(TimeSpan? remaining)
        {
            _eta = remaining;
            if (_tasks.TryGetValue(DemoPhase.Train, out var t)) t.Description = Markup.Escape($"train: {Cut(_last)}  {Eta(_eta)}");
        }

        public void OnLine(string line) => AnsiConsole.MarkupLine($"[grey]{Markup.Escape(line)}[/]");

        /// <summary>Marks every phase finished (the last one has no successor to do it).</summary>
        public void CompleteAll()
        {
            foreach (var t in _tasks.Values) t.Value = t.MaxValue;
        }

        private ProgressTask Task(DemoPhase phase)
        {
            if (!_tasks.TryGetValue(phase, out var t)) _tasks[phase] = t = ctx.AddTask(Name(phase), maxValue: 1);
            return t;
        }

        private static string Name(DemoPhase p) => p.ToString().ToLowerInvariant();

        private static string Cut(string s) => s.Length > 60 ? s[..60] + "…" : s;
    }

    /// <summary>Plain lines when the terminal is not interactive (CI logs): phases, stages with the ETA, runs.</summary>
    private sealed class LineObserver : IDemoObserver
    {
        private TimeSpan? _eta;

        public void OnPhase(DemoPhase phase, string description, bool reused) =>
            AnsiConsole.WriteLine($"[{phase.ToString().ToLowerInvariant()}] {description}");

        public void OnProgress(DemoPhase phase, double done, double total, string description)
        {
            if (phase == DemoPhase.Train && description.StartsWith("stage ", StringComparison.Ordinal))
                AnsiConsole.WriteLine(FormattableString.Invariant($"[train] {description} ({100 * done / Math.Max(total, 1e-9):0}% of the work, {Eta(_eta)})"));
        }

        public void OnEta(TimeSpan? remaining) => _eta = remaining;

        public void OnLine(string line) => AnsiConsole.WriteLine("  " + line);
    }
}
