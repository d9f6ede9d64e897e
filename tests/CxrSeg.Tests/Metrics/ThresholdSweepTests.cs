using CxrSeg.Metrics;
using static TorchSharp.torch;

namespace CxrSeg.Tests.Metrics;

public sealed class ThresholdSweepTests
{
    [Fact]
    public void Each_class_takes_the_threshold_with_the_best_pooled_iou()
    {
        using var scope = NewDisposeScope();
        // Class 0: true pixels have p 0.35 and 0.45, a false pixel 0.25 → best at 0.3 (IoU 1); at 0.5 nothing is predicted.
        // Class 1: true pixel 0.95, false pixels 0.6 and 0.8 → best from 0.85 on; ties resolve to the grid value nearest 0.5.
        var probs = tensor(new float[] { 0.35f, 0.45f, 0.25f, 0.95f, 0.6f, 0.8f }).reshape(1, 2, 1, 3);
        var targets = tensor(new float[] { 1, 1, 0, 1, 0, 0 }).reshape(1, 2, 1, 3);
        var sweep = new ThresholdSweep(2, [0.3, 0.5, 0.7, 0.85, 0.9]);
        sweep.Update(probs, targets, ones(1, 2));
        var best = sweep.Best();
        Assert.Equal((0.3, (double?)1.0), best[0]);
        Assert.Equal((0.85, (double?)1.0), best[1]);
    }

    [Fact]
    public void An_unlabelled_class_keeps_the_fallback()
    {
        using var scope = NewDisposeScope();
        var sweep = new ThresholdSweep(2);
        sweep.Update(full(1, 2, 2, 2, 0.9f), ones(1, 2, 2, 2), tensor(new float[] { 1, 0 }).reshape(1, 2));
        var best = sweep.Best(0.4);
        Assert.Equal(0.4, best[1].Threshold);
        Assert.Null(best[1].Iou);
        Assert.Equal(1.0, best[0].Iou);
        Assert.Equal(0.5, best[0].Threshold); // every grid value gives IoU 1: the one nearest 0.5
        Assert.Equal(17, ThresholdSweep.DefaultGrid.Count);
    }
}
