using CxrSeg.Data.Images;
using CxrSeg.Demo;
using CxrSeg.Stages;
using CxrSeg.Tests.Experiments;
using CxrSeg.Training;

namespace CxrSeg.Tests.Demo;

public sealed class DemoOverlaysTests(TorchWorkspaceFixture fx) : IClassFixture<TorchWorkspaceFixture>
{
    [Fact]
    public void Renders_truth_and_each_prediction_side_by_side_per_test_image()
    {
        var dir = fx.Scratch("overlays");
        var run = Path.Combine(dir, "run");
        var options = new TrainOptions { Task = TrainTask.Segment, Protocol = TrainProtocol.Rotating, MaxEpochs = 1, BatchSize = 4, MaxStepsPerEpoch = 1 };
        TrainCommandRunner.CreateDefault().Run(new TrainRequest(options, fx.Prepared["ccxs"], "resnet18", "unet", new ModelInit(), run));
        var notes = new List<string>();

        var paths = DemoOverlays.Render(fx.Prepared["ccxs"], [new OverlayModel("unet", run), new OverlayModel("no checkpoint", dir)], 2, Path.Combine(dir, "out"), notes);

        Assert.Equal(2, paths.Count);
        Assert.All(paths, p => Assert.StartsWith("test-", Path.GetFileName(p)));
        Assert.Contains(notes, n => n.Contains("no checkpoint"));
        var header = SkiaImageDecoder.ReadHeader(paths[0]);
        Assert.True(header.Width > 2 * 256, $"width {header.Width} does not hold two 256-px panels (truth and prediction)");
        Assert.True(header.Height >= 256);
        var rgba = SkiaImageDecoder.DecodeRgba(paths[0], out var w, out var h);
        Assert.Contains(Enumerable.Range(0, w * h), i => rgba[4 * i] != rgba[4 * i + 1]); // coloured, not grey only
    }
}
