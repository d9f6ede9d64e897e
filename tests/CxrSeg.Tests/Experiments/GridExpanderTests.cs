using CxrSeg.Experiments;
using CxrSeg.Models.Weights;
using CxrSeg.Stages;
using CxrSeg.Tests.Support;

namespace CxrSeg.Tests.Experiments;

public sealed class GridExpanderTests
{
    private static GridExpansion Paper() => GridExpander.Expand(GridFile.Load(Path.Combine(ExperimentFixtures.RepoRoot(), "grids", "paper.yaml")));

    [Fact]
    public void PaperGrid_GivesThePaperCombinations()
    {
        var grid = GridFile.Load(Path.Combine(ExperimentFixtures.RepoRoot(), "grids", "paper.yaml"));
        Assert.Equal(["unet", "deeplabv3"], grid.Architectures);
        Assert.Equal(["vgg16", "resnet50", "resnext50_32x4d"], grid.Encoders);
        Assert.Equal(6, grid.Strategies.Count);
        Assert.Equal([InitKind.Random, InitKind.ImageNet], grid.Inits);
        var exp = Paper();

        // Expected count, from the rules: per backbone and init, UNet has the 6 strategies with encoder transfer and the
        // 4 that have a decoder to pass on with encoder+decoder (none is one plan; a classifier has no decoder);
        // DeepLabV3 has the 6 strategies with encoder transfer on every backbone (VGG16 through its dilated variant).
        var perInitUnet = 6 + 4;
        var perInitDeepLab = 6;
        var expected = grid.Encoders.Count * (perInitUnet + perInitDeepLab) * grid.Inits.Count * grid.Repeats;
        Assert.Equal(expected, exp.Plans.Count);
        Assert.Equal(288, exp.Plans.Count);

        Assert.Contains(exp.Plans, p => p.Labels!.Architecture == "deeplabv3" && p.Labels.Encoder == "vgg16");
        Assert.Contains(exp.Skipped, s => s.Labels.Architecture == "deeplabv3" && s.Labels.Transfer == TransferMode.EncoderDecoder && s.Labels.Encoder == "resnet50");
        Assert.Contains(exp.Skipped, s => s.Labels.Strategy == Strategy.CheXpert && s.Labels.Pretext == Pretext.Classifier && s.Reason.Contains("classifier has no decoder"));
        Assert.Equal(exp.Plans.Count, exp.Plans.Select(StageIds.RunFolderName).Distinct().Count());
    }

    [Fact]
    public void DemoImageNetGrid_ComparesRandomAndBundledImageNetStarts_WithSharedPretraining()
    {
        var exp = GridExpander.Expand(GridFile.Load(Path.Combine(ExperimentFixtures.RepoRoot(), "grids", "demo-imagenet.yaml")));
        Assert.Equal(2 * 2 * 3, exp.Plans.Count); // strategies × inits × repeats
        Assert.All(exp.Plans, p => Assert.All(p.Stages, s => Assert.Equal("resnet18-cntk", s.Encoder)));
        var imagenet2Step = exp.Plans.Where(p => p.Labels!.Init == InitKind.ImageNet && p.Stages.Count == 3).ToList();
        Assert.Equal(3, imagenet2Step.Count);
        Assert.All(imagenet2Step, p => Assert.Equal([InitKind.ImageNet, InitKind.Previous, InitKind.Previous], p.Stages.Select(s => s.Init)));
        // The repeats differ only in the final stage's seed, so the pretraining stages are trained once per init.
        var pretraining = exp.Plans.SelectMany(p => StageIds.Of(p).Take(p.Stages.Count - 1)).Distinct().Count();
        Assert.Equal(2 * 2, pretraining);
    }

    [Theory]
    [InlineData("demo-autoencoder.yaml")]
    [InlineData("demo-imagenet.yaml")]
    public void The_demo_side_grids_train_with_the_demos_options_so_they_reuse_its_stages(string file)
    {
        var side = GridFile.Load(Path.Combine(ExperimentFixtures.RepoRoot(), "grids", file));
        using var tmp = new TempDir();
        var refs = new Dictionary<string, string> { ["chexpert"] = "a", ["siim"] = "b", ["ccxs"] = "c" };
        File.WriteAllText(tmp.File("demo.yaml"), global::CxrSeg.Demo.DemoGrid.Yaml(global::CxrSeg.Demo.DemoSizes.Standard, refs, realCcxs: false));
        var demo = GridFile.Load(tmp.File("demo.yaml"));
        Assert.Equal(demo.Options, side.Options);
        Assert.Equal(demo.StageOptions.Keys.Order(), side.StageOptions.Keys.Order());
        foreach (var (ds, o) in demo.StageOptions) Assert.Equal(o, side.StageOptions[ds]);
    }

    [Fact]
    public void DemoAutoencoderGrid_AddsTheAutoencoderRoutes_WithEncoderDecoderTransfer()
    {
        var exp = GridExpander.Expand(GridFile.Load(Path.Combine(ExperimentFixtures.RepoRoot(), "grids", "demo-autoencoder.yaml")));
        var ae2 = exp.Plans.Where(p => p.Labels!.Strategy == Strategy.TwoStep && p.Labels.Pretext == Pretext.Autoencoder && p.Labels.Transfer == TransferMode.EncoderDecoder).ToList();
        Assert.Equal(3, ae2.Count);
        Assert.All(ae2, p => Assert.Equal([TrainTask.Reconstruct, TrainTask.Segment, TrainTask.Segment], p.Stages.Select(s => s.Task)));
        Assert.All(ae2, p => Assert.Equal([TransferMode.EncoderDecoder, TransferMode.EncoderDecoder], p.Stages.Skip(1).Select(s => s.Transfer)));
        // none once, the classifier once (no decoder), the other four routes once per transfer; 3 repeats.
        Assert.Equal((1 + 1 + 4 * 2) * 3, exp.Plans.Count);
    }

    [Fact]
    public void RealSmallGrid_ComparesNoneAnd2StepOnRealSets_WithACombinedStepB()
    {
        var grid = GridFile.Load(Path.Combine(ExperimentFixtures.RepoRoot(), "grids", "real-small.yaml"));
        Assert.Equal("prepared/jsrt:prepared/chestxdet", grid.DatasetRefs[DatasetKind.Siim]);
        var exp = GridExpander.Expand(grid);
        Assert.Equal(2 * 3, exp.Plans.Count);
        var twoStep = exp.Plans.First(p => p.Stages.Count == 3);
        Assert.Equal([TrainTask.Classify, TrainTask.Segment, TrainTask.Segment], twoStep.Stages.Select(s => s.Task));
        Assert.Equal("plain", twoStep.Stages[2].Options["protocol"]);
    }

    [Fact]
    public void ADatasetListInAGridFile_IsOneReferenceThatTrainsTheSetsTogether()
    {
        using var t = new TempDir();
        var path = Path.Combine(t.Path, "g.yaml");
        File.WriteAllText(path, "datasets:\n  chexpert: prepared/nih14\n  siim: [prepared/jsrt, prepared/chestxdet]\n  ccxs: prepared/ccxs\n" +
            "architectures: [unet]\nencoders: [resnet18]\nstrategies: [2step-classifier]\ninits: [random]\n");
        var grid = GridFile.Load(path);
        Assert.Equal("prepared/jsrt:prepared/chestxdet", grid.DatasetRefs[DatasetKind.Siim]);
        Assert.Equal("prepared/nih14", grid.DatasetRefs[DatasetKind.CheXpert]);
        File.WriteAllText(path, File.ReadAllText(path).Replace("[prepared/jsrt, prepared/chestxdet]", "{a: b}"));
        Assert.Contains("datasets.siim", Assert.Throws<UserFacingException>(() => GridFile.Load(path)).Message);
    }

    [Fact]
    public void PaperGrid_StageChainsFollowTheStrategy()
    {
        var plans = Paper().Plans.ToDictionary(p => p.Name);

        var twoStepAe = plans["unet-resnet50-2step-autoencoder-imagenet-encdec-r1"];
        Assert.Equal([TrainTask.Reconstruct, TrainTask.Segment, TrainTask.Segment], twoStepAe.Stages.Select(s => s.Task));
        Assert.Equal([DatasetKind.CheXpert, DatasetKind.Siim, DatasetKind.Ccxs], twoStepAe.Stages.Select(s => s.Dataset));
        Assert.Equal([InitKind.ImageNet, InitKind.Previous, InitKind.Previous], twoStepAe.Stages.Select(s => s.Init));
        Assert.Equal(TransferMode.EncoderDecoder, twoStepAe.Stages[1].Transfer);
        Assert.Equal(TransferMode.EncoderDecoder, twoStepAe.Stages[2].Transfer);
        Assert.Equal([0, 0, 1], twoStepAe.Stages.Select(s => s.Seed));
        Assert.Equal("3", twoStepAe.Stages[0].Options["maxEpochs"]);
        Assert.Equal("30", twoStepAe.Stages[1].Options["maxEpochs"]);
        Assert.Equal("100", twoStepAe.Stages[2].Options["maxEpochs"]);

        var twoStepCls = plans["unet-vgg16-2step-classifier-random-encdec-r0"];
        Assert.Equal("classifier", twoStepCls.Stages[0].Architecture);
        Assert.Equal(TransferMode.Encoder, twoStepCls.Stages[1].Transfer); // a classifier passes on its encoder only
        Assert.Equal(TransferMode.EncoderDecoder, twoStepCls.Stages[2].Transfer);

        var none = plans["deeplabv3-resnext50_32x4d-none-random-notransfer-r2"];
        Assert.Single(none.Stages);
        Assert.Null(none.Labels!.Transfer);
        Assert.Equal(2, none.Stages[0].Seed);
    }

    [Fact]
    public void PaperGrid_PretrainingStagesAreSharedAcrossRepeatsAndColumns()
    {
        var plans = Paper().Plans;
        var all = plans.SelectMany(p => StageIds.Of(p).Take(p.Stages.Count - 1)).Distinct().ToList();
        // CheXpert classifier and autoencoder: one per backbone and init (shared by UNet and DeepLabV3 and all repeats).
        var chexpert = plans.SelectMany(p => p.Stages.Zip(StageIds.Of(p)).Where(z => z.First.Dataset == DatasetKind.CheXpert).Select(z => z.Second)).Distinct().Count();
        Assert.Equal(3 * 2 * 2, chexpert);
        var finals = plans.Select(p => StageIds.Of(p)[^1]).Distinct().Count();
        Assert.Equal(plans.Count, finals);
        Assert.True(all.Count < plans.Count(p => p.Stages.Count > 1));
    }

    [Fact]
    public void CapabilityDelegate_DecidesWhatIsBuilt()
    {
        var grid = GridFile.Load(Path.Combine(ExperimentFixtures.RepoRoot(), "grids", "paper.yaml"));
        var exp = GridExpander.Expand(grid, (arch, enc) => enc == "resnext50_32x4d" ? "not in this registry" : null);
        Assert.DoesNotContain(exp.Plans, p => p.Labels!.Encoder == "resnext50_32x4d");
        Assert.Contains(exp.Plans, p => p.Labels!.Architecture == "deeplabv3" && p.Labels.Encoder == "vgg16");
        Assert.Contains(exp.Skipped, s => s.Reason == "not in this registry");
    }

    [Fact]
    public void DemoGrid_Loads()
    {
        var exp = GridExpander.Expand(GridFile.Load(Path.Combine(ExperimentFixtures.RepoRoot(), "grids", "demo.yaml")));
        Assert.Equal(4 * 3, exp.Plans.Count);
        Assert.Contains(exp.Plans, p => p.Labels!.Strategy == Strategy.TwoStep);
    }

    [Fact]
    public void BadGridField_IsNamed()
    {
        using var tmp = new TempDir();
        var path = ExperimentFixtures.WriteGrid(tmp.Path, "none, 3step", 1);
        var e = Assert.Throws<UserFacingException>(() => GridFile.Load(path));
        Assert.Contains("strategies", e.Message);
        Assert.Contains("3step", e.Message);
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void RealGrid_HasEveryStrategyAndTransfer_WithSixSharedPretrainingStages()
    {
        var grid = GridFile.Load(Path.Combine(ExperimentFixtures.RepoRoot(), "grids", "real.yaml"));
        var exp = GridExpander.Expand(grid);
        // none (3) + 1-step classifier, encoder only (3) + four strategies × two transfers × 3 seeds (24).
        Assert.Equal(30, exp.Plans.Count);
        Assert.All(exp.Skipped, s => Assert.Equal("a classifier has no decoder to transfer", s.Reason));
        var pretraining = exp.Plans.SelectMany(p => StageIds.Of(p).Take(p.Stages.Count - 1)).Distinct().Count();
        Assert.Equal(6, pretraining);
        Assert.Equal(new RoleNames("NIH14+COVID-19", "JSRT+ChestX-Det"), RoleNames.Of(grid));
    }
}
