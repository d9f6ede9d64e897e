using CxrSeg.Tests.Experiments;
using CxrSeg.Tests.Support;

namespace CxrSeg.Tests.Cli;

public sealed class CliExitCodeTests
{
    [Fact]
    public void Grid_run_exits_3_when_some_plans_failed_and_1_when_all_did()
    {
        using var tmp = new TempDir();
        var some = ExperimentFixtures.WriteGrid(tmp.Path, "none, siim", repeats: 1, extraOptions: "stageOptions: { siim: { synthetic.fail: \"true\" } }");
        var r = CliRunner.Run(["grid", "run", some, "--workspace", tmp.File("ws1"), "--executor", "synthetic", "--quiet"]);
        Assert.True(r.ExitCode == 3, r.Out + r.Error);
        Assert.Contains("failed 1", r.Out);

        var all = ExperimentFixtures.WriteGrid(tmp.Path, "siim", repeats: 1, extraOptions: "stageOptions: { siim: { synthetic.fail: \"true\" } }");
        r = CliRunner.Run(["grid", "run", all, "--workspace", tmp.File("ws2"), "--executor", "synthetic", "--quiet"]);
        Assert.True(r.ExitCode == 1, r.Out + r.Error);
    }
}
