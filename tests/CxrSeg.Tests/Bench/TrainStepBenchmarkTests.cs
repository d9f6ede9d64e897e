using CxrSeg.Bench.Measurements;
using CxrSeg.Models;
using static TorchSharp.torch;

namespace CxrSeg.Tests.Bench;

public sealed class TrainStepBenchmarkTests
{
    [Fact]
    public void Flop_counter_counts_conv_and_linear_macs_from_the_layers()
    {
        // conv 2→4, 3×3, stride 1, padding 1 on 8×8: 4·8·8 outputs × 2·3·3; linear 256→5: 5 × 256.
        using var net = nn.Sequential(nn.Conv2d(2, 4, 3, padding: 1), nn.Flatten(), nn.Linear(256, 5));
        using var x = zeros(1, 2, 8, 8);
        Assert.Equal(4L * 8 * 8 * 2 * 3 * 3 + 5L * 256, FlopCounter.ForwardMacs(net, x));
    }

    [Fact]
    public void Conv_macs_of_a_fully_convolutional_net_scale_with_the_pixel_count()
    {
        using var net = ModelFactory.Create(new ModelSpec("unet", "resnet18", 1, 2));
        using var small = zeros(1, 1, 64, 64);
        using var large = zeros(1, 1, 128, 128);
        Assert.Equal(4 * FlopCounter.ForwardMacs(net, small), FlopCounter.ForwardMacs(net, large));
    }

    [Fact]
    public void Smoke_run_reports_consistent_figures()
    {
        var spec = new ModelSpec("unet", "resnet18", 1, 2);
        var r = TrainStepBenchmark.Run(spec, new TrainStepOptions(Size: 64, Batch: 2, Steps: 1, Warmup: 0));
        using (var net = ModelFactory.Create(spec)) Assert.Equal(ModelFactory.CountParameters(net), r.Parameters);
        Assert.True(r.SecondsPerStep > 0);
        Assert.Equal(2 / r.SecondsPerStep, r.ImagesPerSecond, 6);
        Assert.True(r.ForwardMacsPerImage > 0);
        Assert.Equal(6.0 * r.ForwardMacsPerImage * 2, r.FlopsPerStep);
        Assert.Equal(r.FlopsPerStep / r.SecondsPerStep / 1e9, r.Gflops, 6);
    }
}
