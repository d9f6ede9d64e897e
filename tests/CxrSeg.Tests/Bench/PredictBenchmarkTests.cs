using CxrSeg.Bench.Measurements;
using CxrSeg.Models;
using CxrSeg.Predict;
using CxrSeg.Tests.Support;

namespace CxrSeg.Tests.Bench;

public sealed class PredictBenchmarkTests
{
    [Fact]
    public void Reports_end_to_end_and_forward_seconds_per_image_single_and_batched()
    {
        using var tmp = new TempDir();
        var o = new PredictBenchmarkOptions
        {
            Spec = new ModelSpec("unet", "resnet18", 1, 13), InputSize = 32, Images = 2, BatchSize = 2, ImageWidth = 48, ImageHeight = 40,
        };
        var r = PredictBenchmark.Run(o, tmp.Path);
        foreach (var v in new[] { r.EndToEndSingle, r.EndToEndBatched, r.ForwardSingle, r.ForwardBatched })
            Assert.True(double.IsFinite(v) && v > 0, $"non-positive timing {v}");
        Assert.Equal(5, CxrSeg.Bench.PredictSuite.Figures(r).Count);
        Assert.Equal("48x40", r.ImageSize);
        Assert.True(File.Exists(Path.Combine(tmp.Path, "predict-bench-out-2", PredictionWriter.SummaryFile)));
    }
}
