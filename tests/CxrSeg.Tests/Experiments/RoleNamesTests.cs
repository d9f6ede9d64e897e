using CxrSeg.Experiments;

namespace CxrSeg.Tests.Experiments;

public sealed class RoleNamesTests
{
    [Fact]
    public void PaperRoles_KeepThePaperNames_EvenWithCacheIds()
    {
        var refs = new Dictionary<string, string> { ["chexpert"] = "prepared/chexpert/f5c2de78554d", ["siim"] = "prepared/siim", ["ccxs"] = "prepared/ccxs" };
        Assert.Equal(RoleNames.Paper, RoleNames.FromRefs(refs));
        Assert.Equal("2-step (classifier → SIIM)", PlanNames.StrategyLabel(Strategy.TwoStep, Pretext.Classifier, RoleNames.FromRefs(refs)));
    }

    [Fact]
    public void OtherSets_AreNamedByTheirFolders_ListsJoinedWithPlus()
    {
        var refs = new Dictionary<string, string> { ["chexpert"] = "prepared/nih14:prepared/ieee8023", ["siim"] = "/data/ws/prepared/jsrt:prepared/chestxdet/0123456789ab", ["ccxs"] = "prepared/ccxs" };
        var roles = RoleNames.FromRefs(refs);
        Assert.Equal(new RoleNames("NIH14+COVID-19", "JSRT+ChestX-Det"), roles);
        Assert.Equal("1-step JSRT+ChestX-Det", PlanNames.StrategyLabel(Strategy.Siim, Pretext.None, roles));
        Assert.Equal("2-step (NIH14+COVID-19 autoencoder → JSRT+ChestX-Det)", PlanNames.StrategyLabel(Strategy.TwoStep, Pretext.Autoencoder, roles));
        Assert.Equal("my-xrays", RoleNames.FromRefs(new Dictionary<string, string> { ["chexpert"] = "prep/my-xrays" }).StepA);
    }

    [Fact]
    public void Common_FallsBackToThePaperNames_WhenRunsDisagree()
    {
        var a = new RoleNames("NIH14", "JSRT");
        Assert.Equal(a, RoleNames.Common([a, a]));
        Assert.Equal(RoleNames.Paper, RoleNames.Common([a, new RoleNames("NIH14", "SIIM")]));
        Assert.Equal(RoleNames.Paper, RoleNames.Common([]));
    }
}
