using System.ComponentModel;
using CxrSeg.Experiments;
using Spectre.Console;
using Spectre.Console.Cli;

namespace CxrSeg.Cli.Commands;

/// <summary><c>cxrseg grid run GRID [--shard i/N]</c>: runs this shard's plans, skipping finished and busy ones.</summary>
public sealed class GridRunCommand : Command<GridRunCommand.Settings>
{
    /// <summary>Options of <c>grid run</c>.</summary>
    public sealed class Settings : CliSettings
    {
        /// <summary>Grid file.</summary>
        [CommandArgument(0, "<GRID>"), Description("Grid file (YAML), e.g. grids/paper.yaml.")]
        public string Grid { get; init; } = "";

        /// <summary>Shard.</summary>
        [CommandOption("--shard <SHARD>"), Description("Run shard i of N (1-based); plans are dealt round-robin in name order, the same on every machine (default: 1/1, the whole grid)."), DefaultValue("1/1")]
        public string Shard { get; init; } = "1/1";

        /// <summary>Workspace.</summary>
        [CommandOption("--workspace <DIR>"), Description("Workspace shared by all shards (default: workspace)."), DefaultValue("workspace")]
        public string Workspace { get; init; } = "workspace";

        /// <summary>Device.</summary>
        [CommandOption("--device <DEVICE>"), Description("cpu or cuda (default: cpu)."), DefaultValue("cpu")]
        public string Device { get; init; } = "cpu";

        /// <summary>Executor name.</summary>
        [CommandOption("--executor <NAME>", IsHidden = true), Description("Stage executor: torch, or synthetic for a dry run (default: torch)."), DefaultValue(StageExecutors.DefaultName)]
        public string Executor { get; init; } = StageExecutors.DefaultName;

        /// <summary>Quiet.</summary>
        [CommandOption("--quiet"), Description("No progress bar; print only the summary (default: progress bar).")]
        public bool Quiet { get; init; }
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings s)
    {
        CxrSeg.Platform.DeviceCheck.Require(s.Device);
        using var cts = CliCancel.OnCtrlCOrTerm();
        var shard = ShardSpec.Parse(s.Shard);
        GridRunSummary summary;
        try
        {
            summary = Run(s, shard, cts.Token);
        }
        catch (OperationCanceledException)
        {
            AnsiConsole.MarkupLine($"[yellow]shard {shard.Index}/{shard.Count} {cts.Cause}:[/] finished runs and stages are kept, the current stage's " +
                                   "locks released; run the same command again to resume.");
            return cts.ExitCode;
        }
        if (summary.Runs.Count == 0)
        {
            AnsiConsole.MarkupLine($"shard {shard.Index}/{shard.Count}: nothing to do (the grid has fewer plans than {shard.Count} shards)");
            return ExitCodes.Success;
        }
        AnsiConsole.MarkupLine($"shard {shard.Index}/{shard.Count}: {summary.Runs.Count} plan(s): done now {summary.Count(RunOutcome.Done)}, " +
                               $"already done {summary.Count(RunOutcome.AlreadyDone)}, busy elsewhere {summary.Count(RunOutcome.Busy)}, " +
                               $"[{(summary.Count(RunOutcome.Failed) > 0 ? "red" : "green")}]failed {summary.Count(RunOutcome.Failed)}[/]");
        foreach (var f in summary.Runs.Where(r => r.Outcome == RunOutcome.Failed))
            AnsiConsole.MarkupLine($"[red]failed:[/] {Markup.Escape(f.RunName)}: {Markup.Escape(f.Error ?? "")}");
        if (summary.Count(RunOutcome.Failed) == 0) return ExitCodes.Success;
        return summary.Runs.Any(r => r.Outcome is RunOutcome.Done or RunOutcome.AlreadyDone) ? ExitCodes.Partial : ExitCodes.UserError;
    }

    /// <summary>"[k/n] RUN: Done (trained: STAGE …)": one line per plan, which a log of many tasks can be audited by.</summary>
    internal static string RunLine(int k, int n, RunReport r) =>
        $"[{k + 1}/{n}] {r.RunName}: {r.Outcome}" +
        (r.TrainedStages.Count > 0 ? $" (trained: {string.Join(' ', r.TrainedStages)})" : "") +
        (r.Error is null ? "" : " — " + r.Error);

    private static GridRunSummary Run(Settings s, ShardSpec shard, CancellationToken cancel)
    {
        if (s.Quiet || !AnsiConsole.Profile.Capabilities.Interactive)
        {
            return ExperimentApi.RunGridFile(s.Grid, shard, s.Workspace, s.Executor, s.Device,
                onRun: (k, n, r) => { if (!s.Quiet) AnsiConsole.WriteLine(RunLine(k, n, r)); },
                cancel: cancel);
        }
        else
        {
            return AnsiConsole.Progress().Start(ctx =>
            {
                var task = ctx.AddTask($"shard {shard.Index}/{shard.Count}");
                return ExperimentApi.RunGridFile(s.Grid, shard, s.Workspace, s.Executor, s.Device,
                    log: line => task.Description = Markup.Escape(line.Length > 70 ? line[..70] : line),
                    onRun: (k, n, _) => { task.MaxValue = n; task.Value = k + 1; },
                    cancel: cancel);
            });
        }
    }
}
