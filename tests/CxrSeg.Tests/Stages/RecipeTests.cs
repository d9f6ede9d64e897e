using CxrSeg.Models;
using CxrSeg.Runs;
using CxrSeg.Stages;
using CxrSeg.Tests.Support;
using CxrSeg.Tests.Training;
using CxrSeg.Training;

namespace CxrSeg.Tests.Stages;

public sealed class RecipeTests
{
    [Fact]
    public void The_ccxs_best_recipe_sets_crops_weights_adamw_warmup_cosine_and_tuned_thresholds()
    {
        Assert.Contains("ccxs-best", Recipe.Builtin);
        var recipe = Recipe.Load("ccxs-best");
        Assert.Equal(512, recipe.ImageSize);
        var o = recipe.Apply(new TrainOptions()).Validate();
        Assert.Equal((256, 0.33, SegmentationLoss.BceDice, "auto", OptimizerKind.AdamW, 2, LrScheduleKind.Cosine, true, TrainProtocol.Plain),
            (o.Crop, o.CropForeground, o.SegmentationLoss, o.ClassWeights, o.Optimizer, o.WarmupEpochs, o.Schedule, o.TuneThresholds, o.Protocol));
    }

    [Fact]
    public void Unknown_recipes_and_keys_are_named()
    {
        Assert.Contains("ccxs-best", Assert.Throws<UserFacingException>(() => Recipe.Load("nope")).Message);
        var e = Assert.Throws<UserFacingException>(() => Recipe.Parse("name: r\noptions:\n  cropp: 3\n", "r.yaml"));
        Assert.Contains("'cropp'", e.Message);
        Assert.Contains("crop", Assert.Throws<UserFacingException>(() => Recipe.Parse("options:\n  crop: 33\n", "r.yaml")).Message);
    }

    [Fact]
    public void The_recipe_trains_on_a_tiny_set()
    {
        using var tmp = new TempDir();
        var o = Recipe.Load("ccxs-best").Apply(new TrainOptions()) with
        {
            Crop = 32, MaxEpochs = 2, WarmupEpochs = 1, MaxStepsPerEpoch = 1, BatchSize = 2, Patience = 0,
        };
        var data = TinyData.Segmentation(count: 16, size: 64);
        var result = new Trainer().Run(o, data, new ModelSpec("tiny", "tiny", 1, 3), TinyModels.Segmenter(1, 3), tmp.Path);
        Assert.Equal(2, result.EpochsRun);
        Assert.NotNull(ThresholdsFile.Read(tmp.Path, TinyData.Classes));
        Assert.True(File.Exists(Path.Combine(tmp.Path, RunFiles.Metrics)));
    }
}
