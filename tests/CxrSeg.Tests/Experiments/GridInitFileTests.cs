using CxrSeg.Experiments;
using CxrSeg.Tests.Support;

namespace CxrSeg.Tests.Experiments;

public sealed class GridInitFileTests
{
    private static string WriteGrid(string dir, string extraOptions)
    {
        var path = ExperimentFixtures.WriteGrid(dir, "none", repeats: 1, extraOptions: extraOptions);
        File.WriteAllText(path, File.ReadAllText(path).Replace("inits: [random]", "inits: [random, file]"));
        return path;
    }

    [Fact]
    public void A_grid_with_init_file_expands_to_plans_starting_from_the_file()
    {
        using var tmp = new TempDir();
        var plans = GridExpander.Expand(GridFile.Load(WriteGrid(tmp.Path, "  initWeights: weights/smp.pth"))).Plans;
        var fromFile = Assert.Single(plans, p => p.Stages[0].Init == InitKind.File);
        var random = Assert.Single(plans, p => p.Stages[0].Init == InitKind.Random);
        Assert.Equal("weights/smp.pth", fromFile.Stages[0].Options["initWeights"]);
        Assert.NotEqual(StageIds.Of(random)[0], StageIds.Of(fromFile)[0]);
    }

    [Fact]
    public void Init_file_without_initWeights_is_refused_naming_the_option()
    {
        using var tmp = new TempDir();
        var e = Assert.ThrowsAny<UserFacingException>(() => GridExpander.Expand(GridFile.Load(WriteGrid(tmp.Path, ""))));
        Assert.Contains("initWeights", e.Message);
    }
}
