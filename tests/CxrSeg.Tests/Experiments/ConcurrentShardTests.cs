using CxrSeg.Experiments;
using CxrSeg.Tests.Support;

namespace CxrSeg.Tests.Experiments;

/// <summary>Real OS processes running the CLI on one shared workspace.</summary>
public sealed class ConcurrentShardTests
{
    private static void AssertComplete(string gridPath, string ws)
    {
        var grid = GridFile.Load(gridPath);
        var plans = GridExpander.Expand(grid).Plans;
        var calls = ExperimentFixtures.Calls(ws);
        var stageIds = plans.SelectMany(StageIds.Of).Distinct().ToList();
        foreach (var id in stageIds) Assert.True(calls.TryGetValue(id, out var n) && n == 1, $"stage {id} trained {calls.GetValueOrDefault(id)} time(s)");
        Assert.Equal(stageIds.Count, calls.Count);
        var workspace = new Workspace(ws);
        foreach (var p in plans)
        {
            var name = StageIds.RunFolderName(p);
            Assert.True(workspace.IsRunDone(name), $"{name} not done");
            var m = CxrSeg.Runs.MetricsFile.Load(Path.Combine(workspace.RunFolder(name), "metrics.json"));
            Assert.Equal(SyntheticStageExecutor.Metrics(StageIds.Of(p)[^1]).MIoU, m.MIoU);
        }
        Assert.Equal(plans.Count, Directory.GetDirectories(workspace.RunsDir).Length);
        Assert.Empty(Directory.GetDirectories(workspace.TmpDir));
        Assert.Empty(Directory.GetFiles(workspace.LocksDir, "*.lock"));
    }

    [Fact]
    public void TwoShardProcesses_RunEveryStageExactlyOnce()
    {
        using var tmp = new TempDir();
        var grid = ExperimentFixtures.WriteGrid(tmp.Path, "none, chexpert-classifier, siim, 2step-classifier", repeats: 2, delayMs: 40);
        var ws = tmp.File("ws");
        var a = ExperimentFixtures.StartCli("grid", "run", grid, "--shard", "1/2", "--workspace", ws, "--executor", "synthetic", "--quiet");
        var b = ExperimentFixtures.StartCli("grid", "run", grid, "--shard", "2/2", "--workspace", ws, "--executor", "synthetic", "--quiet");
        var ra = ExperimentFixtures.Finish(a);
        var rb = ExperimentFixtures.Finish(b);
        Assert.True(ra.Code == 0, ra.Output);
        Assert.True(rb.Code == 0, rb.Output);
        Assert.Contains("shard 1/2", ra.Output);
        AssertComplete(grid, ws);
    }

    [Fact]
    public void TwoProcessesOnTheSameShard_NeverDuplicateARun()
    {
        using var tmp = new TempDir();
        var grid = ExperimentFixtures.WriteGrid(tmp.Path, "chexpert-classifier, 2step-classifier", repeats: 3, delayMs: 40);
        var ws = tmp.File("ws");
        var a = ExperimentFixtures.StartCli("grid", "run", grid, "--workspace", ws, "--executor", "synthetic", "--quiet");
        var b = ExperimentFixtures.StartCli("grid", "run", grid, "--workspace", ws, "--executor", "synthetic", "--quiet");
        // and a third worker in this process, on threads
        var plans = GridExpander.Expand(GridFile.Load(grid)).Plans;
        var runner = new PlanRunner(new Workspace(ws), new SyntheticStageExecutor(Path.Combine(ws, "synthetic-calls")));
        var local = GridRunner.Run(GridFile.Load(grid), ShardSpec.All, runner);
        var ra = ExperimentFixtures.Finish(a);
        var rb = ExperimentFixtures.Finish(b);
        Assert.True(ra.Code == 0, ra.Output);
        Assert.True(rb.Code == 0, rb.Output);
        Assert.Equal(plans.Count, local.Runs.Count);
        // A run the local worker found busy was finished by a CLI process; grid run again finds all done.
        var again = GridRunner.Run(GridFile.Load(grid), ShardSpec.All, runner);
        Assert.Equal(plans.Count, again.Count(RunOutcome.AlreadyDone));
        AssertComplete(grid, ws);
    }

    [Fact]
    public void KilledGrid_RestartedCompletes()
    {
        using var tmp = new TempDir();
        var grid = ExperimentFixtures.WriteGrid(tmp.Path, "none, siim, chexpert-classifier", repeats: 2, delayMs: 300);
        var ws = tmp.File("ws");
        var p = ExperimentFixtures.StartCli("grid", "run", grid, "--workspace", ws, "--executor", "synthetic", "--quiet");
        var runs = Path.Combine(ws, "runs");
        var sw = System.Diagnostics.Stopwatch.StartNew();
        while ((!Directory.Exists(runs) || Directory.GetDirectories(runs).Length < 1) && sw.Elapsed < TimeSpan.FromSeconds(60) && !p.HasExited)
            Thread.Sleep(50);
        Assert.False(p.HasExited, "the grid finished before it could be killed");
        p.Kill(entireProcessTree: true);
        p.WaitForExit();
        var plans = GridExpander.Expand(GridFile.Load(grid)).Plans;
        var doneBefore = Directory.GetDirectories(runs).Length;
        Assert.InRange(doneBefore, 1, plans.Count - 1);
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(ws, "locks"), "*.lock")); // the killed holder's lock is left behind

        var r = ExperimentFixtures.Finish(ExperimentFixtures.StartCli("grid", "run", grid, "--workspace", ws, "--executor", "synthetic", "--quiet"));
        Assert.True(r.Code == 0, r.Output);
        var status = GridStatus.Read(GridFile.Load(grid), new Workspace(ws));
        Assert.All(status, s => Assert.Equal(RunState.Done, s.State));
        Assert.Equal(plans.Count, Directory.GetDirectories(runs).Length);
        Assert.Empty(Directory.GetDirectories(Path.Combine(ws, "tmp")));
        // Only the stage interrupted by the kill may have been started twice.
        var calls = ExperimentFixtures.Calls(ws);
        Assert.True(calls.Values.Count(n => n > 1) <= 1, string.Join(", ", calls.Where(kv => kv.Value > 1).Select(kv => kv.Key)));
    }
}
