
namespace CxrSeg.Experiments;

/// <summary>The entry points behind the CLI commands <c>run</c> and <c>grid run|status|slurm</c>.</summary>
public static class ExperimentApi
{
    /// <summary>Loads a plan file and runs it in the workspace with the named executor.</summary>
    public static RunReport RunPlanFile(string planPath, string workspace, string executor, string device, Action<string>? log = null, CancellationToken cancel = default)
    {
        var plan = PlanFile.Load(planPath);
        var ws = new Workspace(workspace);
        var runner = new PlanRunner(ws, StageExecutors.Create(executor, ws), device) { Log = log, Observer = new StageLogObserver(log) };
        var r = runner.Run(plan, cancel);
        if (r.Outcome == RunOutcome.Busy)
            throw new UserFacingException($"run {r.RunName} is being trained by another process (lock {ws.LockFile("run-" + r.RunName)})");
        return r;
    }

    /// <summary>Loads a grid file and runs one shard of it.</summary>
    public static GridRunSummary RunGridFile(string gridPath, ShardSpec shard, string workspace, string executor, string device,
        Action<string>? log = null, Action<int, int, RunReport>? onRun = null, CancellationToken cancel = default)
    {
        var grid = GridFile.Load(gridPath);
        var ws = new Workspace(workspace);
        var runner = new PlanRunner(ws, StageExecutors.Create(executor, ws), device) { Log = log, Observer = new StageLogObserver(log) };
        return GridRunner.Run(grid, shard, runner, onRun: onRun, cancel: cancel);
    }

    /// <summary>Loads a grid file and reads its status in the workspace.</summary>
    public static IReadOnlyList<PlanStatus> GridStatusFile(string gridPath, string workspace, int shards) =>
        GridStatus.Read(GridFile.Load(gridPath), new Workspace(workspace), shards);

    /// <summary>The combinations a grid file leaves out, grouped by reason, with their counts (repeats included).</summary>
    public static IReadOnlyList<(string Reason, int Count)> SkippedFile(string gridPath) =>
        GridExpander.Expand(GridFile.Load(gridPath)).Skipped.GroupBy(s => s.Reason)
            .Select(g => (g.Key, g.Count())).OrderByDescending(x => x.Item2).ToList();

    /// <summary>Checks the grid and writes the sbatch script to <paramref name="outPath"/> (never over an existing file unless <paramref name="overwrite"/>).</summary>
    public static int WriteSlurm(SlurmOptions options, string outPath, bool overwrite)
    {
        var plans = GridExpander.Expand(GridFile.Load(options.GridPath)).Plans.Count;
        if (File.Exists(outPath) && !overwrite) throw new UserFacingException($"{outPath} exists; pass --force to replace it");
        Platform.AtomicFile.WriteAllText(outPath, SlurmScript.Render(options));
        Directory.CreateDirectory(options.Logs);
        return plans;
    }
}
