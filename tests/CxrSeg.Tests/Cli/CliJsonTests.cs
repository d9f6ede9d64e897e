using System.Text.Json;
using CxrSeg.Tests.Data.Ccxs;
using CxrSeg.Tests.Experiments;
using CxrSeg.Tests.Support;

namespace CxrSeg.Tests.Cli;

public sealed class CliJsonTests
{
    [Fact]
    public void Stats_json_keys_each_row_by_column()
    {
        using var t = new TempDir();
        CcxsFixture.Write(t.Path);
        var r = CliRunner.Run(["stats", "ccxs", "--source", t.Path, "--json"]);
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        var table = doc.RootElement[0];
        Assert.Equal("CCXS: images per class", table.GetProperty("title").GetString());
        var first = table.GetProperty("rows")[0];
        Assert.Equal("Right Lung", first.GetProperty("class").GetString());
        Assert.Equal("13", first.GetProperty("annotations (Table 1)").GetString());
    }

    [Fact]
    public void Grid_status_json_counts_pending_plans()
    {
        using var tmp = new TempDir();
        var grid = ExperimentFixtures.WriteGrid(tmp.Path, "none", repeats: 1);
        var r = CliRunner.Run(["grid", "status", grid, "--workspace", tmp.File("ws"), "--json"]);
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        var pending = doc.RootElement.GetProperty("counts").GetProperty("pending").GetInt32();
        Assert.True(pending > 0);
        Assert.Equal(pending, doc.RootElement.GetProperty("plans").GetArrayLength());
        Assert.All(doc.RootElement.GetProperty("plans").EnumerateArray(), p => Assert.Equal("pending", p.GetProperty("state").GetString()));
    }

    [Fact]
    public void Models_json_lists_pairings_with_parameter_counts()
    {
        var r = CliRunner.Run(["models", "--json", "--classes", "2"]);
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        var unet = doc.RootElement.GetProperty("pairings").EnumerateArray()
            .Single(p => p.GetProperty("architecture").GetString() == "unet" && p.GetProperty("encoder").GetString() == "resnet18");
        Assert.True(unet.GetProperty("parameters").GetInt64() > 1_000_000);
    }
}
