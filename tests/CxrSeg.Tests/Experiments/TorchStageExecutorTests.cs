using System.Text.Json.Nodes;
using CxrSeg.Data.Cache;
using CxrSeg.Experiments;
using CxrSeg.Runs;
using CxrSeg.Stages;
using CxrSeg.Training;

namespace CxrSeg.Tests.Experiments;

public sealed class TorchStageExecutorTests(TorchWorkspaceFixture fx) : IClassFixture<TorchWorkspaceFixture>
{
    private static StageSpec Stage(TrainTask task, DatasetKind ds, string arch, InitKind init, Dictionary<string, string> options) =>
        new(task, ds, arch, "resnet18", init, CxrSeg.Models.Weights.TransferMode.Encoder, 3, options);

    [Fact]
    public void Settings_MapGridOptionsWithAliasesAndDefaults()
    {
        var ccxs = StageTrainSettings.From(Stage(TrainTask.Segment, DatasetKind.Ccxs, "unet", InitKind.Previous, new()
        {
            ["imageSize"] = "64", ["batchSize"] = "4", ["maxEpochs"] = "7", ["earlyStoppingPatience"] = "2", ["lr"] = "0.0005",
            ["loss"] = "bce", ["synthetic.delayMs"] = "5",
        }), "cpu");
        Assert.Equal((64, 4, 7, 2, 0.0005, TrainProtocol.Rotating, SegmentationLoss.Bce, 3),
            (ccxs.ImageSize!.Value, ccxs.Options.BatchSize, ccxs.Options.MaxEpochs, ccxs.Options.Patience, ccxs.Options.LearningRate,
             ccxs.Options.Protocol, ccxs.Options.SegmentationLoss, ccxs.Options.Seed));
        var chx = StageTrainSettings.From(Stage(TrainTask.Classify, DatasetKind.CheXpert, "classifier", InitKind.Random, new() { ["protocol"] = "rotating-9-fold" }), "cpu");
        Assert.Equal((TrainTask.Classify, TrainProtocol.Rotating, (int?)null), (chx.Options.Task, chx.Options.Protocol, chx.ImageSize));
        Assert.Equal(TrainProtocol.Plain, StageTrainSettings.From(Stage(TrainTask.Segment, DatasetKind.Siim, "unet", InitKind.Random, new()), "cpu").Options.Protocol);
        var e = Assert.Throws<UserFacingException>(() => StageTrainSettings.From(Stage(TrainTask.Segment, DatasetKind.Siim, "unet", InitKind.Random, new() { ["maxEpoch"] = "3" }), "cpu"));
        Assert.Contains("'maxEpoch'", e.Message);
        e = Assert.Throws<UserFacingException>(() => StageTrainSettings.From(Stage(TrainTask.Segment, DatasetKind.Siim, "unet", InitKind.Random, new() { ["batchSize"] = "many" }), "cpu"));
        Assert.Contains("batchSize", e.Message);
    }

    [Fact]
    public void DatasetReferences_ResolveKindFoldersToTheirCacheAndCheckSizeAndKind()
    {
        var ex = new TorchStageExecutor(fx.Workspace);
        Assert.Equal(fx.Prepared["ccxs"], ex.ResolveDataset("prepared/ccxs", DatasetKind.Ccxs, 32));
        Assert.Equal(fx.Prepared["ccxs"], ex.ResolveDataset("ccxs", DatasetKind.Ccxs, null));
        Assert.Equal(fx.Prepared["siim"], ex.ResolveDataset(fx.Prepared["siim"], DatasetKind.Siim, 32));
        Assert.Contains("size 64", Assert.Throws<UserFacingException>(() => ex.ResolveDataset("prepared/ccxs", DatasetKind.Ccxs, 64)).Message);
        Assert.Contains("has labels, not the masks", Assert.Throws<UserFacingException>(() => ex.ResolveDataset("prepared/chexpert", DatasetKind.Ccxs, null)).Message);
        Assert.Equal(fx.Prepared["siim"], ex.ResolveDataset("prepared/siim", DatasetKind.Ccxs, null)); // any mask set can be the target
        Assert.Equal($"{fx.Prepared["siim"]}:{fx.Prepared["ccxs"]}", ex.ResolveDataset("siim:ccxs", DatasetKind.Siim, 32));
        Assert.Contains("not found", Assert.Throws<UserFacingException>(() => ex.ResolveDataset("prepared/nothing", DatasetKind.Ccxs, null)).Message);
        Assert.Equal(fx.Prepared["chexpert"], PreparedFolders.Resolve(Path.Combine(fx.Workspace, "prepared", "chexpert")));
    }

    [Fact]
    public void ImageNetInit_WithoutAFile_NamesTheFileExpected()
    {
        var runner = TrainCommandRunner.CreateDefault();
        var opts = new TrainOptions { Task = TrainTask.Segment, Protocol = TrainProtocol.Rotating, MaxEpochs = 1, BatchSize = 4 };
        var dir = fx.Scratch("imagenet-missing");
        var e = Assert.Throws<UserFacingException>(() => runner.Run(new TrainRequest(opts, fx.Prepared["ccxs"], "resnet18", "unet", new ModelInit("imagenet", "encoder", dir), Path.Combine(dir, "run"))));
        Assert.Contains("resnet18-f37072fd.pth", e.Message);
        e = Assert.Throws<UserFacingException>(() => runner.Run(new TrainRequest(opts, fx.Prepared["ccxs"], "resnet18", "unet", new ModelInit("imagenet"), Path.Combine(dir, "run2"))));
        Assert.Contains("--imagenet-weights", e.Message);
    }

    [Fact]
    public void TwoStagePlan_TrainsRealNetworks_TransfersTheEncoder_AndWritesTestMetrics()
    {
        var root = fx.Scratch("plan");
        var ws = new Workspace(fx.Workspace);
        var log = new List<string>();
        Assert.IsType<TorchStageExecutor>(StageExecutors.Create(StageExecutors.DefaultName, ws));
        var executor = new TorchStageExecutor(ws.Root);
        var stageLog = new StageLogObserver(l => { lock (log) log.Add(l); });
        var common = new Dictionary<string, string> { ["imageSize"] = "32", ["maxEpochs"] = "1", ["batchSize"] = "4", ["maxStepsPerEpoch"] = "2" };
        var plan = new PlanSpec("tiny", [
            Stage(TrainTask.Classify, DatasetKind.CheXpert, "classifier", InitKind.Random, common),
            Stage(TrainTask.Segment, DatasetKind.Ccxs, "unet", InitKind.Previous, common),
        ], new Dictionary<DatasetKind, string> { [DatasetKind.CheXpert] = "prepared/chexpert", [DatasetKind.Ccxs] = "prepared/ccxs" });
        var report = new PlanRunner(ws, executor) { Log = l => { lock (log) log.Add(l); }, Observer = stageLog }.Run(plan);
        Assert.True(report.Outcome == RunOutcome.Done, string.Join("\n", log) + report.Error);
        var ids = StageIds.Of(ws.Pin(plan));
        var final = ws.StageFolder(ids[1]);
        Assert.True(Directory.Exists(Path.Combine(ws.StageFolder(ids[0]), CheckpointStore.Best)));
        var run = JsonNode.Parse(File.ReadAllText(Path.Combine(final, RunFiles.Manifest)))!;
        Assert.Equal(ws.StageFolder(ids[0]), run["init"]!.GetValue<string>());
        Assert.Equal("encoder", run["transfer"]!.GetValue<string>());
        Assert.Equal(fx.Prepared["ccxs"], run["dataset"]!["path"]!.GetValue<string>());
        Assert.Contains(log, l => l.Contains("init from") && l.Contains("loaded 120"));
        var metrics = JsonNode.Parse(File.ReadAllText(Path.Combine(ws.RunFolder(report.RunName), "metrics.json")))!;
        Assert.Equal("test", metrics["split"]!.GetValue<string>());
        Assert.Equal(13, metrics["classes"]!.AsArray().Count);
        Assert.False(Directory.Exists(executor.WorkFolder(ids[1])), "work folder moved into the stage folder");

        // The stage folder alone rebuilds the network, and exports with smp names.
        var loaded = RunFolder.LoadModel(final);
        using (loaded.Network)
        {
            Assert.Equal(("unet", 13, 32, "segment"), (loaded.Spec.Architecture, loaded.ClassNames.Count, loaded.InputSize, loaded.Task));
            Assert.Equal("Right Lung", loaded.ClassNames[0]);
        }
        var exported = RunExport.Export(final, "safetensors", Path.Combine(root, "ccxs"));
        Assert.EndsWith(".safetensors", exported.WeightsPath);
        using var again = CxrSeg.Models.ModelFactory.Create(loaded.Spec);
        Assert.Equal(exported.Tensors, CxrSeg.Models.Weights.SmpExport.Import(again, exported.WeightsPath).Loaded.Count);
        Assert.Throws<UserFacingException>(() => RunExport.Export(final, "safetensors", exported.WeightsPath));

        // The sidecar's smp object holds only constructor arguments (smp.Unet(**meta["smp"]) on every release).
        var meta = JsonNode.Parse(File.ReadAllText(exported.SidecarPath))!;
        Assert.Equal(["activation", "classes", "encoder_name", "encoder_weights", "in_channels"], meta["smp"]!.AsObject().Select(kv => kv.Key).Order());
        Assert.Equal(("Unet", "0.5"), (meta["smpClass"]!.GetValue<string>(), meta["smpVersion"]!.GetValue<string>()));

        // predict's --model: the plan run folder (WORKSPACE/runs/<run>) gives its final stage; the exported file gives the same network.
        var viaRun = RunFolder.LoadModel(ws.RunFolder(report.RunName));
        using (viaRun.Network) Assert.Equal(Path.GetFullPath(Path.Combine(final, CheckpointStore.Best)), viaRun.CheckpointDir);
        var viaFile = RunFolder.LoadModel(exported.WeightsPath);
        using (viaFile.Network)
        {
            Assert.Equal((loaded.Spec, 32, "Right Lung"), (viaFile.Spec, viaFile.InputSize, viaFile.ClassNames[0]));
            var reference = RunFolder.LoadModel(final);
            using (reference.Network)
            using (var scope = TorchSharp.torch.NewDisposeScope())
            using (TorchSharp.torch.no_grad())
            {
                var x = TorchSharp.torch.randn(1, 1, 32, 32);
                Assert.True(reference.Network.call(x).Equals(viaFile.Network.call(x)));
            }
        }
        File.Delete(exported.SidecarPath);
        Assert.Contains(".json", Assert.Throws<UserFacingException>(() => RunFolder.LoadModel(exported.WeightsPath)).Message);
    }

    [Fact]
    public void SameSeed_WithRealNetworks_GivesTheSameMetricsTwice()
    {
        var opts = new TrainOptions { Task = TrainTask.Segment, Protocol = TrainProtocol.Rotating, MaxEpochs = 1, BatchSize = 4, MaxStepsPerEpoch = 1, Seed = 9 };
        string Train(string name)
        {
            var dir = Path.Combine(fx.Scratch("determinism"), name);
            var r = TrainCommandRunner.CreateDefault().Run(new TrainRequest(opts, Path.Combine(fx.Workspace, "prepared", "ccxs"), "resnet18", "unet", new ModelInit(), dir));
            return File.ReadAllText(r.MetricsPath!);
        }
        Assert.Equal(Train("a"), Train("b"));
    }

    [Fact]
    public void Train_cli_starts_from_an_smp_file_and_reports_loaded_skipped_and_reinitialised_counts()
    {
        var dir = fx.Scratch("init-file");
        var smp = Path.Combine(dir, "smp.pth");
        using (var net = CxrSeg.Models.ModelFactory.Create(new CxrSeg.Models.ModelSpec("unet", "resnet18", 3, 4)))
            CxrSeg.Models.Weights.SmpExport.Export(net, smp, CxrSeg.Models.Weights.SmpVersion.Current);
        var r = CxrSeg.Tests.Cli.CliRunner.Run(["train", "--dataset", fx.Prepared["ccxs"], "--encoder", "resnet18", "--decoder", "unet",
            "--init", smp, "--transfer", "all", "--out", Path.Combine(dir, "run"), "--epochs", "1", "--max-steps-per-epoch", "1",
            "--batch-size", "4", "--protocol", "rotating", "--quiet"]);
        Assert.True(r.ExitCode == 0, r.Out + r.Error);
        Assert.Contains("smp layout", r.Out);
        Assert.Contains("skipped 2, re-initialised 0", r.Out); // 4-class head in the file, 13 classes here
        var run = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "run", RunFiles.Manifest)))!;
        Assert.Equal(smp, run["init"]!.GetValue<string>());
    }

    [Fact]
    public void A_plan_stage_with_init_file_starts_from_the_file()
    {
        var dir = fx.Scratch("plan-init-file");
        var file = Path.Combine(dir, "tv.safetensors");
        using (var tv = TorchSharp.torchvision.models.resnet18())
            CxrSeg.Models.Weights.StateDictFile.Write(file, tv.state_dict());
        var ws = new Workspace(fx.Workspace);
        var log = new List<string>();
        var executor = StageExecutors.Create(StageExecutors.DefaultName, ws);
        var stageLog = new StageLogObserver(l => { lock (log) log.Add(l); });
        var options = new Dictionary<string, string> { ["imageSize"] = "32", ["maxEpochs"] = "1", ["batchSize"] = "4", ["maxStepsPerEpoch"] = "1", ["initWeights"] = file };
        var plan = new PlanSpec("from-file", [Stage(TrainTask.Segment, DatasetKind.Ccxs, "unet", InitKind.File, options)],
            new Dictionary<DatasetKind, string> { [DatasetKind.Ccxs] = "prepared/ccxs" });
        var report = new PlanRunner(ws, executor) { Observer = stageLog }.Run(plan);
        Assert.True(report.Outcome == RunOutcome.Done, string.Join("\n", log) + report.Error);
        Assert.Contains(log, l => l.Contains("torchvision layout"));
        Assert.Contains(log, l => l.Contains("loaded 120")); // every resnet18 encoder tensor
        var noFile = Stage(TrainTask.Segment, DatasetKind.Ccxs, "unet", InitKind.File, new Dictionary<string, string>());
        Assert.Contains("initWeights", Assert.Throws<UserFacingException>(() => noFile.Validate(0)).Message);
    }

    [Fact]
    public void BundledImageNetStart_InAPlan_NeedsNoFile_RecordsItsNormalisation_AndPassesItOn()
    {
        var ws = new Workspace(fx.Workspace);
        var log = new List<string>();
        var executor = StageExecutors.Create(StageExecutors.DefaultName, ws);
        var stageLog = new StageLogObserver(l => { lock (log) log.Add(l); });
        var common = new Dictionary<string, string> { ["imageSize"] = "32", ["maxEpochs"] = "1", ["batchSize"] = "4", ["maxStepsPerEpoch"] = "1" };
        var plan = new PlanSpec("imagenet", [
            new StageSpec(TrainTask.Classify, DatasetKind.CheXpert, "classifier", "resnet18-cntk", InitKind.ImageNet, CxrSeg.Models.Weights.TransferMode.Encoder, 3, common),
            new StageSpec(TrainTask.Segment, DatasetKind.Ccxs, "unet", "resnet18-cntk", InitKind.Previous, CxrSeg.Models.Weights.TransferMode.Encoder, 3, common),
        ], new Dictionary<DatasetKind, string> { [DatasetKind.CheXpert] = "prepared/chexpert", [DatasetKind.Ccxs] = "prepared/ccxs" });
        var report = new PlanRunner(ws, executor) { Log = l => { lock (log) log.Add(l); }, Observer = stageLog }.Run(plan);
        Assert.True(report.Outcome == RunOutcome.Done, string.Join("\n", log) + report.Error);

        var (mean, std) = CxrSeg.Models.Weights.BundledImageNetWeights.Normalisation();
        var ids = StageIds.Of(ws.Pin(plan));
        foreach (var id in ids)
        {
            var run = JsonNode.Parse(File.ReadAllText(Path.Combine(ws.StageFolder(id), RunFiles.Manifest)))!;
            Assert.Equal(mean, run["normalisation"]!["mean"]!.GetValue<double>(), 12);
            Assert.Equal(std, run["normalisation"]!["std"]!.GetValue<double>(), 12);
        }
        Assert.Contains(log, l => l.Contains("init imagenet") && l.Contains("loaded 132"));
        Assert.Contains(log, l => l.Contains("normalisation mean") && l.Contains("from the initial weights (imagenet)"));
        var loaded = RunFolder.LoadModel(ws.StageFolder(ids[1]));
        using (loaded.Network) Assert.Equal(mean, loaded.Normalisation.Mean, 12);
    }

    [Fact]
    public void CombinedStepB_TrainsOnTwoMaskSetsAsOne_WithUnitedClasses()
    {
        var ws = new Workspace(fx.Workspace);
        var log = new List<string>();
        var executor = StageExecutors.Create(StageExecutors.DefaultName, ws);
        var stageLog = new StageLogObserver(l => { lock (log) log.Add(l); });
        var common = new Dictionary<string, string> { ["imageSize"] = "32", ["maxEpochs"] = "1", ["batchSize"] = "4", ["maxStepsPerEpoch"] = "1" };
        var plan = new PlanSpec("combined", [
            Stage(TrainTask.Segment, DatasetKind.Siim, "unet", InitKind.Random, common),
            Stage(TrainTask.Segment, DatasetKind.Ccxs, "unet", InitKind.Previous, common),
        ], new Dictionary<DatasetKind, string> { [DatasetKind.Siim] = "prepared/siim:prepared/ccxs", [DatasetKind.Ccxs] = "prepared/ccxs" });
        var report = new PlanRunner(ws, executor) { Log = l => { lock (log) log.Add(l); }, Observer = stageLog }.Run(plan);
        Assert.True(report.Outcome == RunOutcome.Done, string.Join("\n", log) + report.Error);
        var first = JsonNode.Parse(File.ReadAllText(Path.Combine(ws.StageFolder(StageIds.Of(ws.Pin(plan))[0]), RunFiles.Manifest)))!;
        using var siim = PreparedSet.Open(fx.Prepared["siim"]);
        using var ccxs = PreparedSet.Open(fx.Prepared["ccxs"]);
        Assert.Equal(siim.ClassNames.Count + ccxs.ClassNames.Count, first["classNames"]!.AsArray().Count);
        Assert.Equal($"{fx.Prepared["siim"]}:{fx.Prepared["ccxs"]}", first["dataset"]!["path"]!.GetValue<string>());
    }

    [Fact]
    public void MasksCombinedWithLabels_AreRefusedForSegmentation_WithTheReason()
    {
        var opts = new TrainOptions { Task = TrainTask.Segment, Protocol = TrainProtocol.Plain, MaxEpochs = 1, BatchSize = 4 };
        var dir = fx.Scratch("mixed");
        var e = Assert.Throws<UserFacingException>(() => TrainCommandRunner.CreateDefault().Run(
            new TrainRequest(opts, $"{fx.Prepared["siim"]}:{fx.Prepared["chexpert"]}", "resnet18", "unet", new ModelInit(), Path.Combine(dir, "run"))));
        Assert.Contains("no classes", e.Message);
        Assert.Contains("--task reconstruct", e.Message);
        Assert.False(Directory.Exists(Path.Combine(dir, "run")), "nothing is written for a refused run");
    }
}
