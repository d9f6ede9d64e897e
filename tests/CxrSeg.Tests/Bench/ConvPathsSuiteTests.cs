using CxrSeg.Bench;

namespace CxrSeg.Tests.Bench;

public sealed class ConvPathsSuiteTests
{
    [Fact]
    public void ConvPaths_RunsOnlyWhenNamed()
    {
        Assert.DoesNotContain(BenchRunner.Select([]), s => s.Name == "conv-paths");
        Assert.Single(BenchRunner.Select(["conv-paths"]), s => s is ConvPathsSuite);
        Assert.Contains(BenchRunner.AllSuites, s => s.Name == "conv-paths");
    }

    [Fact]
    public void Paths_StartWithTodaysDefault_AndEachNamesItsSwitch()
    {
        var paths = ConvolutionPath.All;
        Assert.Equal(("onednn-avx", "CXRSEG_ONEDNN_ISA", "AVX"), (paths[0].Name, paths[0].Variable, paths[0].Value));
        Assert.Equal(paths.Count, paths.Select(p => p.Name).Distinct().Count());
        Assert.Contains(paths, p => p is { Variable: "CXRSEG_CONV", Value: "native" });
        Assert.Contains(paths, p => p is { Variable: "CXRSEG_ONEDNN_ISA", Value: "native" });
    }
}
