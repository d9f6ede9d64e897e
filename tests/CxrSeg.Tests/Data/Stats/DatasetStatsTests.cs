using CxrSeg.Data.Stats;
using CxrSeg.Tests.Data.Ccxs;
using CxrSeg.Tests.Support;

namespace CxrSeg.Tests.Data.Stats;

public sealed class DatasetStatsTests
{
    [Fact]
    public void CcxsStats_CountAnnotationsImagesAndUnlabelled()
    {
        using var t = new TempDir();
        CcxsFixture.Write(t.Path);
        var table = DatasetStats.Ccxs(t.Path);
        Assert.Equal(13, table.Rows.Count);
        Assert.Equal(["0", "Right Lung", "13", "12", "12", "0"], table.Rows[0]);   // image 6 has two Right Lung rows
        Assert.Equal(["10", "Monitoring probes", "1", "1", "0", "1"], table.Rows[10]);
    }

    [SkippableFact]
    public void RealCcxsStats_MatchTable1()
    {
        var root = SharedData.Require("ccxs");
        var table = DatasetStats.Ccxs(root);
        Assert.Equal(["100", "99", "100", "99", "93", "32", "2", "1", "13", "11", "26", "10", "16"], table.Rows.Select(r => r[2]));
    }

    [Fact]
    public void UnknownDataset_IsNamed() =>
        Assert.Contains("mnist", Assert.Throws<UserFacingException>(() => DatasetStats.Compute("mnist", "/x")).Message);
}
