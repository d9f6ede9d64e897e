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
    public void The_ccxs_best_recipe_is_the_setting_cross_validation_chose()
    {
        Assert.Contains("ccxs-best", Recipe.Builtin);
        var recipe = Recipe.Load("ccxs-best");
        Assert.Equal(256, recipe.ImageSize);
        var o = recipe.Apply(new TrainOptions()).Validate();
        Assert.Equal((0, SegmentationLoss.BceDice, "", OptimizerKind.Adam, 0.001, LrScheduleKind.None, 24, 0, false, TrainProtocol.Plain, 0.15),
            (o.Crop, o.SegmentationLoss, o.ClassWeights, o.Optimizer, o.LearningRate, o.Schedule, o.MaxEpochs, o.Patience, o.TuneThresholds, o.Protocol, o.ValidationFraction));
    }

    [Fact]
    public void The_recipe_matches_the_grids_baseline_variant_it_was_chosen_as()
    {
        var grid = CxrSeg.Experiments.GridFile.Load(Path.Combine(Tests.Experiments.ExperimentFixtures.RepoRoot(), "grids", "ccxs-cv.yaml"));
        var baseline = CxrSeg.Experiments.GridExpander.Expand(grid).Plans.Single(p => p.Labels!.Variant == "a-baseline-256").Stages[^1];
        var fromGrid = CxrSeg.Experiments.StageTrainSettings.From(baseline, "cpu").Options;
        var fromRecipe = Recipe.Load("ccxs-best").Apply(new TrainOptions());
        Assert.Equal((fromGrid.MaxEpochs, fromGrid.BatchSize, fromGrid.LearningRate, fromGrid.Optimizer, fromGrid.Schedule, fromGrid.SegmentationLoss, fromGrid.Crop, fromGrid.Augment),
            (fromRecipe.MaxEpochs, fromRecipe.BatchSize, fromRecipe.LearningRate, fromRecipe.Optimizer, fromRecipe.Schedule, fromRecipe.SegmentationLoss, fromRecipe.Crop, fromRecipe.Augment));
        Assert.Equal("256", baseline.Options["imageSize"]);
    }

    [Fact]
    public void Unknown_recipes_and_keys_are_named()
    {
        Assert.Contains("ccxs-best", Assert.Throws<UserFacingException>(() => Recipe.Load("nope")).Message);
        var e = Assert.Throws<UserFacingException>(() => Recipe.Parse("name: r\noptions:\n  cropp: 3\n", "r.yaml"));
        Assert.Contains("'cropp'", e.Message);
        Assert.Contains("crop", Assert.Throws<UserFacingException>(() => Recipe.Parse("options:\n  crop: 33\n", "r.yaml")).Message);
        // a file that is not a recipe at all (a plain line of text), a size that is not a size
        var plain = Assert.Throws<UserFacingException>(() => Recipe.Parse("root:x:0:0:root:/root:/bin/bash\n", "passwd")).Message;
        Assert.Contains("recipe passwd: line 1", plain);
        Assert.Contains("mapping", plain);
        Assert.Contains("imageSize", Assert.Throws<UserFacingException>(() => Recipe.Parse("imageSize: -5\noptions:\n  crop: 32\n", "r.yaml")).Message);
    }

    [Fact]
    public void The_recipe_trains_on_a_tiny_set()
    {
        using var tmp = new TempDir();
        // from random weights (the tiny network has no pretrained start); 2 epochs of one step
        var o = Recipe.Load("ccxs-best").Apply(new TrainOptions()) with { MaxEpochs = 2, MaxStepsPerEpoch = 1, BatchSize = 2 };
        var data = TinyData.Segmentation(count: 16, size: 64);
        var result = new Trainer().Run(o, data, new ModelSpec("tiny", "tiny", 1, 3), TinyModels.Segmenter(1, 3), tmp.Path);
        Assert.Equal(2, result.EpochsRun);
        Assert.True(File.Exists(Path.Combine(tmp.Path, RunFiles.Metrics)));
    }

    [Fact]
    public void A_folder_of_caches_is_narrowed_to_the_recipes_image_size_and_a_named_cache_is_kept()
    {
        using var tmp = new TempDir();
        var folder = Path.Combine(tmp.Path, "ccxs");
        foreach (var (name, size) in new[] { ("big", 512), ("small", 256) })
        {
            Directory.CreateDirectory(Path.Combine(folder, name));
            File.WriteAllText(Path.Combine(folder, name, "manifest.json"), $"{{\"size\": {size}}}");
        }
        // the 256² cache is the newest, so without a size it would be the one taken
        File.SetLastWriteTimeUtc(Path.Combine(folder, "big", "manifest.json"), DateTime.UtcNow.AddHours(-1));
        var recipe = new Recipe("r", "", 512, new Dictionary<string, string>());
        Assert.Equal(Path.Combine(folder, "big"), recipe.ResolveDataset(folder));
        Assert.Equal(Path.Combine(folder, "small"), recipe.ResolveDataset(Path.Combine(folder, "small")));
        Assert.Equal(folder, (recipe with { ImageSize = null }).ResolveDataset(folder));
        Assert.Contains("image size 1024", Assert.Throws<UserFacingException>(() => (recipe with { ImageSize = 1024 }).ResolveDataset(folder)).Message);
    }
}
