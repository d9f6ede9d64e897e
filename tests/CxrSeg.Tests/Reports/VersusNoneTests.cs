using CxrSeg.Experiments;
using CxrSeg.Metrics;
using CxrSeg.Models.Weights;
using CxrSeg.Reports;
using CxrSeg.Runs;

namespace CxrSeg.Tests.Reports;

public sealed class VersusNoneTests
{
    private static RunResult Run(Strategy s, int repeat, double test, double? val)
    {
        var labels = new PlanLabels("unet", "resnet18", s, s is Strategy.CheXpert or Strategy.TwoStep ? Pretext.Classifier : Pretext.None,
            InitKind.Random, s == Strategy.None ? null : TransferMode.Encoder, repeat);
        var m = new MetricsFile("segment", "test", 0.5, OverlapMath.Reduction, 10, [new ClassMetric("Lung", test, test, "ok")], test, null);
        return new RunResult($"{s}-{repeat}", labels, m) { ValidationMIoU = val };
    }

    [Fact]
    public void A_difference_counts_only_beyond_the_larger_spread_of_the_two_cells()
    {
        var runs = new[]
        {
            Run(Strategy.None, 0, 0.30, 0.20), Run(Strategy.None, 1, 0.32, 0.21),        // test 31 ± 2, val 20.5 ± 1
            Run(Strategy.TwoStep, 0, 0.33, 0.25), Run(Strategy.TwoStep, 1, 0.34, 0.26),  // test 33.5 ± 1, val 25.5 ± 1
            Run(Strategy.Siim, 0, 0.26, 0.20), Run(Strategy.Siim, 1, 0.27, null),         // test 26.5 ± 1, no validation for one run
        };
        var vs = VersusNone.Build(Table3.Build(runs), runs);

        var two = Assert.Single(vs.Lines, l => l.Strategy.StartsWith("2-step", StringComparison.Ordinal));
        Assert.Equal(2.5, two.Test.Difference, 9);
        Assert.Equal(2.0, two.Test.Spread, 9);
        Assert.Equal("above by more than the spread", two.Test.Verdict);
        Assert.Equal(5.0, two.Validation!.Difference, 9);
        Assert.Equal(1.0, two.Validation.Spread, 9);
        Assert.Contains("(classifier)", two.Strategy);

        var siim = Assert.Single(vs.Lines, l => l.Strategy.StartsWith("1-step", StringComparison.Ordinal));
        Assert.Equal(-4.5, siim.Test.Difference, 9);
        Assert.Equal("below by more than the spread", siim.Test.Verdict);
        Assert.Null(siim.Validation);

        Assert.Equal("within the spread", new VersusNone.Gap(1.5, 3.1).Verdict);
        Assert.Equal("+1.5 (spread 3.1): within the spread", new VersusNone.Gap(1.5, 3.1).ToString());
    }
}
