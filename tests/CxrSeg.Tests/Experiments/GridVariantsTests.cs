using CxrSeg.Experiments;
using CxrSeg.Runs;
using CxrSeg.Stages;
using CxrSeg.Tests.Support;

namespace CxrSeg.Tests.Experiments;

public sealed class GridVariantsTests
{
    [Fact]
    public void The_cv_grid_gives_one_kfold_plan_per_variant_with_the_variant_options_on_the_ccxs_stage()
    {
        var grid = GridFile.Load(Path.Combine(ExperimentFixtures.RepoRoot(), "grids", "ccxs-cv.yaml"));
        var exp = GridExpander.Expand(grid);
        Assert.Equal(grid.Variants!.Count, exp.Plans.Count);
        Assert.All(exp.Plans, p => Assert.Equal("kfold", p.Stages[^1].Options["protocol"]));
        var fg = exp.Plans.Single(p => p.Labels!.Variant == "b-crop256-fg");
        Assert.EndsWith("-b-crop256-fg", fg.Name);
        Assert.Equal("0.33", fg.Stages[^1].Options["cropForeground"]);
        Assert.Equal("512", fg.Stages[^1].Options["imageSize"]);
        Assert.Equal("256", exp.Plans.Single(p => p.Labels!.Variant == "a-baseline-256").Stages[^1].Options["imageSize"]);
        Assert.Equal("b-crop256-fg", fg.Labels!.ToRecord().Variant);
        Assert.Equal(fg.Labels, fg.Labels!.ToRecord().ToLabels());
        // every variant's options bind as training options
        foreach (var p in exp.Plans) StageTrainSettings.From(p.Stages[^1], "cpu").Options.Validate();
        Assert.Equal(grid.Variants.Count, exp.Plans.Select(StageIds.RunFolderName).Distinct().Count());
    }

    [Fact]
    public void A_grid_without_variants_keeps_its_plan_names_and_labels_records()
    {
        var exp = GridExpander.Expand(GridFile.Load(Path.Combine(ExperimentFixtures.RepoRoot(), "grids", "real-small.yaml")));
        Assert.All(exp.Plans, p => Assert.EndsWith($"-r{p.Labels!.Repeat}", p.Name));
        Assert.All(exp.Plans, p => Assert.Null(p.Labels!.ToRecord().Variant));
        var json = System.Text.Json.JsonSerializer.Serialize(exp.Plans[0].Labels!.ToRecord(), RunJson.Options);
        Assert.DoesNotContain("variant", json);
    }

    [Fact]
    public void A_bad_variant_name_is_refused_naming_it()
    {
        using var t = new TempDir();
        var path = Path.Combine(t.Path, "g.yaml");
        File.WriteAllText(path, "name: g\ndatasets: { ccxs: prepared/ccxs }\narchitectures: [unet]\nencoders: [resnet18]\nstrategies: [none]\ninits: [random]\nvariants:\n  'a b': { crop: 32 }\n");
        Assert.Contains("'a b'", Assert.Throws<UserFacingException>(() => GridFile.Load(path)).Message);
    }
}
