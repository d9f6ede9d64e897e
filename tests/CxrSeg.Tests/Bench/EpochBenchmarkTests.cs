using CxrSeg.Bench.Measurements;
using CxrSeg.Models;
using CxrSeg.Stages;
using CxrSeg.Tests.Training;

namespace CxrSeg.Tests.Bench;

public sealed class EpochBenchmarkTests
{
    [Fact]
    public void Smoke_RecordsEveryEpochItsStepsAndRss_AndRelatesThemToTheBareStep()
    {
        var data = TinyData.Segmentation(count: 12, size: 32);
        var options = new EpochBenchmarkOptions(new ModelSpec("unet", "resnet18", 1, 3),
            new TrainOptions { Task = TrainTask.Segment, Protocol = TrainProtocol.Plain, BatchSize = 2, MaxStepsPerEpoch = 2 }, Epochs: 3, BareSteps: 1);
        var r = EpochBenchmark.Run(data, options);
        Assert.Equal(3, r.EpochSeconds.Count);
        Assert.Equal(3, r.RssBytes.Count);
        Assert.All(r.StepsPerEpoch, s => Assert.Equal(2, s));
        Assert.All(r.EpochSeconds, s => Assert.True(s > 0));
        Assert.All(r.RssBytes, b => Assert.True(b > 0));
        Assert.True(r.BareStepSeconds > 0);
        Assert.Equal(r.MedianEpochSeconds / (2 * r.BareStepSeconds) - 1, r.Overhead, 9);
        Assert.False(double.IsNaN(r.RssGrowth));
        Assert.Throws<UserFacingException>(() => EpochBenchmark.Run(data, options with { Epochs = 1 }));
    }
}
