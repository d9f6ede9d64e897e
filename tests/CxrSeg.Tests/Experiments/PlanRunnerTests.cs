using System.Diagnostics;
using System.Text.Json;
using CxrSeg.Experiments;
using CxrSeg.Platform;
using CxrSeg.Stages;
using CxrSeg.Tests.Support;

namespace CxrSeg.Tests.Experiments;

public sealed class PlanRunnerTests
{
    private static readonly LockPolicy Fast = new(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(5));

    [Fact]
    public void SharedPretraining_IsTrainedOnce()
    {
        using var tmp = new TempDir();
        var grid = GridFile.Load(ExperimentFixtures.WriteGrid(tmp.Path, "chexpert-classifier, 2step-classifier, siim", repeats: 2));
        var ex = new CountingExecutor();
        var runner = new PlanRunner(new Workspace(tmp.File("ws")), ex, policy: Fast);
        var summary = GridRunner.Run(grid, ShardSpec.All, runner);

        Assert.Equal(6, summary.Count(RunOutcome.Done));
        Assert.All(ex.Calls.Values, n => Assert.Equal(1, n));
        var classifier = ex.Requests.Where(r => r.Stage.Task == TrainTask.Classify).ToList();
        Assert.Single(classifier); // shared by 1-step and 2-step plans and by both repeats
        // SIIM stages: after the classifier (2-step) and from scratch (1-step SIIM), each shared by both repeats.
        Assert.Equal(2, ex.Requests.Count(r => r.Stage.Dataset == DatasetKind.Siim));
        Assert.Equal(6, ex.Requests.Count(r => r.IsFinal));
        // A later stage is given its parent's finished folder.
        var twoStepSiim = ex.Requests.Single(r => r.Stage.Dataset == DatasetKind.Siim && r.ParentFolder is not null);
        Assert.True(File.Exists(Path.Combine(twoStepSiim.ParentFolder!, "weights.txt")));
        Assert.Equal(classifier[0].StageId, File.ReadAllText(Path.Combine(twoStepSiim.ParentFolder!, "weights.txt")));

        // Running again trains nothing.
        var again = GridRunner.Run(grid, ShardSpec.All, new PlanRunner(new Workspace(tmp.File("ws")), ex, policy: Fast));
        Assert.Equal(6, again.Count(RunOutcome.AlreadyDone));
        Assert.All(ex.Calls.Values, n => Assert.Equal(1, n));
    }

    [Fact]
    public void FailedRun_RecordsReason_AndRetrySucceeds()
    {
        using var tmp = new TempDir();
        var grid = GridFile.Load(ExperimentFixtures.WriteGrid(tmp.Path, "none, siim", repeats: 1));
        var ws = new Workspace(tmp.File("ws"));
        var bad = GridRunner.Run(grid, ShardSpec.All, new PlanRunner(ws, new CountingExecutor(failOn: DatasetKind.Siim), policy: Fast));
        Assert.Equal(1, bad.Count(RunOutcome.Failed));
        Assert.Equal(1, bad.Count(RunOutcome.Done));
        var status = GridStatus.Read(grid, ws, policy: Fast);
        var failed = Assert.Single(status, s => s.State == RunState.Failed);
        Assert.Contains("boom on Siim", failed.Detail);
        Assert.Empty(Directory.GetDirectories(ws.TmpDir));
        Assert.Empty(Directory.GetFiles(ws.LocksDir));

        var good = GridRunner.Run(grid, ShardSpec.All, new PlanRunner(ws, new CountingExecutor(), policy: Fast));
        Assert.Equal(1, good.Count(RunOutcome.Done));
        Assert.All(GridStatus.Read(grid, ws, policy: Fast), s => Assert.Equal(RunState.Done, s.State));
        Assert.Empty(Directory.GetFiles(ws.FailedDir));
    }

    [Fact]
    public void LockOfDeadProcess_IsReclaimed_LiveLockIsRespected()
    {
        using var tmp = new TempDir();
        var grid = GridFile.Load(ExperimentFixtures.WriteGrid(tmp.Path, "none", repeats: 1));
        var ws = new Workspace(tmp.File("ws"));
        var plan = GridExpander.Expand(grid).Plans[0];
        var lockPath = ws.LockFile("run-" + StageIds.RunFolderName(plan));

        // A live holder (this process, another token): the run is busy.
        var me = Process.GetCurrentProcess();
        File.WriteAllText(lockPath, JsonSerializer.Serialize(new LockInfo(Environment.MachineName, me.Id, me.StartTime.ToUniversalTime(), DateTime.UtcNow, "other")));
        Assert.Equal(RunState.Running, GridStatus.Read(grid, ws, policy: Fast).Single().State);
        Assert.Equal(RunOutcome.Busy, new PlanRunner(ws, new CountingExecutor(), policy: Fast).Run(plan).Outcome);

        // A holder that has exited: stale, reclaimed.
        using var dead = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        dead.WaitForExit();
        File.WriteAllText(lockPath, JsonSerializer.Serialize(new LockInfo(Environment.MachineName, dead.Id, DateTime.UtcNow.AddMinutes(-1), DateTime.UtcNow, "dead")));
        Assert.Equal(RunState.Pending, GridStatus.Read(grid, ws, policy: Fast).Single().State);
        Assert.Equal(RunOutcome.Done, new PlanRunner(ws, new CountingExecutor(), policy: Fast).Run(plan).Outcome);
        Assert.False(File.Exists(lockPath));
    }

    [Fact]
    public void PlanFile_YamlAndJson_GiveTheSameStages()
    {
        using var tmp = new TempDir();
        File.WriteAllText(tmp.File("p.yaml"), """
            name: mine
            datasets: { chexpert: c, ccxs: x }
            options: { imageSize: 64 }
            stages:
              - { task: classify, dataset: chexpert, architecture: classifier, encoder: resnet50, init: imagenet }
              - { task: segment, dataset: ccxs, architecture: unet, encoder: resnet50, options: { imageSize: 128 } }
            """);
        File.WriteAllText(tmp.File("p.json"), """
            { "name": "mine", "datasets": { "chexpert": "c", "ccxs": "x" }, "options": { "imageSize": 64 },
              "stages": [ { "task": "classify", "dataset": "chexpert", "architecture": "classifier", "encoder": "resnet50", "init": "imagenet" },
                          { "task": "segment", "dataset": "ccxs", "architecture": "unet", "encoder": "resnet50", "options": { "imageSize": 128 } } ] }
            """);
        var y = PlanFile.Load(tmp.File("p.yaml"));
        var j = PlanFile.Load(tmp.File("p.json"));
        Assert.Equal(StageIds.Of(y), StageIds.Of(j));
        Assert.Equal("128", y.Stages[1].Options["imageSize"]);
        Assert.Equal(InitKind.Previous, y.Stages[1].Init);
        var labels = PlanRunner.InferLabels(y)!;
        Assert.Equal(Strategy.CheXpert, labels.Strategy);
        Assert.Equal(Pretext.Classifier, labels.Pretext);
        // Changing an option of the first stage changes every id after it.
        File.WriteAllText(tmp.File("q.yaml"), File.ReadAllText(tmp.File("p.yaml")).Replace("init: imagenet", "init: random"));
        var q = PlanFile.Load(tmp.File("q.yaml"));
        Assert.NotEqual(StageIds.Of(y)[0], StageIds.Of(q)[0]);
        Assert.NotEqual(StageIds.Of(y)[1], StageIds.Of(q)[1]);
    }

    [Fact]
    public void When_checkpoints_are_written_does_not_change_stage_ids()
    {
        using var tmp = new TempDir();
        const string plan = """
            name: mine
            datasets: { ccxs: x }
            options: { imageSize: 64 OPTS }
            stages:
              - { task: segment, dataset: ccxs, architecture: unet, encoder: resnet18 }
            """;
        File.WriteAllText(tmp.File("a.yaml"), plan.Replace(" OPTS", ""));
        File.WriteAllText(tmp.File("b.yaml"), plan.Replace(" OPTS", ", checkpointEvery: epoch"));
        File.WriteAllText(tmp.File("c.yaml"), plan.Replace(" OPTS", ", maxStepsPerEpoch: 2"));
        var a = StageIds.Of(PlanFile.Load(tmp.File("a.yaml")));
        Assert.Equal(a, StageIds.Of(PlanFile.Load(tmp.File("b.yaml"))));
        Assert.NotEqual(a, StageIds.Of(PlanFile.Load(tmp.File("c.yaml"))));
    }

    [Fact]
    public void A_malformed_grid_file_is_reported_with_its_line_and_what_to_check()
    {
        using var tmp = new TempDir();
        File.WriteAllText(tmp.File("g.yaml"), "name: x\ndatasets:\n  chexpert: a\n  ccxs: b\n{\noptions:\n  imageSize: 96\n");
        var e = Assert.Throws<UserFacingException>(() => GridFile.Load(tmp.File("g.yaml")));
        Assert.Contains("g.yaml: line ", e.Message);
        Assert.DoesNotContain("current state of the object", e.Message);
        Assert.Contains("malformed", e.Message);
    }

    [Fact]
    public void PlanFile_BadField_IsNamed()
    {
        using var tmp = new TempDir();
        File.WriteAllText(tmp.File("p.yaml"), """
            datasets: { ccxs: x }
            stages:
              - { task: segment, dataset: ccxs, architecture: unet, encoder: resnet50, init: previous }
            """);
        var e = Assert.Throws<UserFacingException>(() => PlanFile.Load(tmp.File("p.yaml")));
        Assert.Contains("stages[0].init", e.Message);
        File.WriteAllText(tmp.File("p.yaml"), """
            datasets: { ccxs: x }
            stages:
              - { task: classify, dataset: chexpert, architecture: classifier, encoder: resnet50 }
              - { task: segment, dataset: ccxs, architecture: unet, encoder: resnet50 }
            """);
        e = Assert.Throws<UserFacingException>(() => PlanFile.Load(tmp.File("p.yaml")));
        Assert.Contains("datasets.chexpert", e.Message);
    }

    [Fact]
    public void Shards_PartitionThePlans()
    {
        var plans = GridExpander.Expand(GridFile.Load(Path.Combine(ExperimentFixtures.RepoRoot(), "grids", "paper.yaml"))).Plans;
        var parts = Enumerable.Range(1, 5).Select(i => new ShardSpec(i, 5).Select(plans).Select(p => p.Name).ToList()).ToList();
        Assert.Equal(plans.Count, parts.Sum(p => p.Count));
        Assert.Equal(plans.Count, parts.SelectMany(p => p).Distinct().Count());
        Assert.Throws<UserFacingException>(() => ShardSpec.Parse("0/3"));
        Assert.Throws<UserFacingException>(() => ShardSpec.Parse("2-3"));
        Assert.Equal(new ShardSpec(2, 3), ShardSpec.Parse("2/3"));
    }

    [Fact]
    public void SlurmScript_RunsOneShardPerArrayTask()
    {
        var s = SlurmScript.Render(new SlurmOptions("/g/paper.yaml", 6, "/shared/ws", "/opt/cxrseg/cxrseg", Partition: "gpu"));
        Assert.Contains("#SBATCH --array=1-6", s);
        Assert.Contains("#SBATCH --gres=gpu:1", s);
        Assert.Contains("#SBATCH --partition=gpu", s);
        Assert.Contains("--shard \"${SLURM_ARRAY_TASK_ID}/6\"", s);
        Assert.Contains("--device cuda", s);
        Assert.Contains("--workspace '/shared/ws'", s);
        Assert.Throws<UserFacingException>(() => SlurmScript.Render(new SlurmOptions("/g", 0, "/w", "c")));
    }
}
