using System.Text.Json.Nodes;
using CxrSeg.Metrics;
using static TorchSharp.torch;

namespace CxrSeg.Tests.Metrics;

public sealed class OverlapMetricsTests
{
    [Fact]
    public void Pooled_iou_and_dice_match_hand_counts_and_absent_class_is_na()
    {
        // 2 images, 3 classes, 4 pixels each.
        // class A: img1 pred 1100 truth 1000 (I1,P2,T1); img2 pred 0011 truth 0111 (I2,P2,T3) → I3 P4 T4: IoU 3/5, Dice 6/8.
        // class B: nothing anywhere → n/a.  class C: img1 pred 0001 truth 0000 (I0,P1,T0) → IoU 0, Dice 0.
        var acc = new SegmentationAccumulator(["A", "B", "C"]);
        acc.Update([1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1], [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], [1, 1, 1]);
        acc.Update([0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0], [0, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0], [1, 1, 1]);
        var s = acc.Compute();
        Assert.Equal(0.6, s.Classes[0].Iou!.Value, 12);
        Assert.Equal(0.75, s.Classes[0].Dice!.Value, 12);
        Assert.Null(s.Classes[1].Iou);
        Assert.Equal(OverlapMath.StatusAbsent, s.Classes[1].Status);
        Assert.Equal(0.0, s.Classes[2].Iou);
        Assert.Equal(0.3, s.MeanIou!.Value, 12); // mean of A and C only
        Assert.Equal(0.375, s.MeanDice!.Value, 12);
        Assert.Equal(2, s.Images);
    }

    [Fact]
    public void Unlabelled_images_are_left_out_and_never_labelled_class_is_na()
    {
        var acc = new SegmentationAccumulator(["A", "B"]);
        // image 1: A labelled (perfect), B unlabelled (would be all wrong).
        acc.Update([1, 1, 0, 0], [1, 1, 1, 1], [1, 0]);
        var s = acc.Compute();
        Assert.Equal(1.0, s.Classes[0].Iou);
        Assert.Equal(OverlapMath.StatusUnlabelled, s.Classes[1].Status);
        Assert.Equal(1.0, s.MeanIou);
    }

    [Fact]
    public void Tensor_update_equals_byte_update()
    {
        var probs = tensor(new float[] { 0.9f, 0.2f, 0.6f, 0.4f, 0.1f, 0.1f, 0.7f, 0.8f }, new long[] { 1, 2, 2, 2 });
        var truth = tensor(new float[] { 1, 1, 0, 0, 0, 1, 1, 1 }, new long[] { 1, 2, 2, 2 });
        var a = new SegmentationAccumulator(["A", "B"]);
        a.Update(probs, truth, ones(1, 2));
        var b = new SegmentationAccumulator(["A", "B"]);
        b.Update([1, 0, 1, 0, 0, 0, 1, 1], [1, 1, 0, 0, 0, 1, 1, 1], [1, 1]);
        Assert.Equal(b.Compute().Classes.Select(c => c.Iou), a.Compute().Classes.Select(c => c.Iou));
        Assert.Equal(1.0 / 3, a.Compute().Classes[0].Iou!.Value, 12);
    }

    [Fact]
    public void Auroc_matches_hand_computed_values_with_ties_and_one_class_is_na()
    {
        // positives 0.8, 0.4; negatives 0.4, 0.1 → pairs: (0.8>0.4)=1,(0.8>0.1)=1,(0.4=0.4)=0.5,(0.4>0.1)=1 → 3.5/4
        Assert.Equal(0.875, Auroc.Compute([0.8f, 0.4f, 0.4f, 0.1f], [1, 1, 0, 0])!.Value, 12);
        Assert.Equal(0.0, Auroc.Compute([0.1f, 0.9f], [1, 0])!.Value, 12);
        Assert.Null(Auroc.Compute([0.1f, 0.9f], [1, 1]));
        var acc = new AurocAccumulator(["x", "y"]);
        acc.Update([0.9f, 0.5f], [1, 1], [1, 1]);
        acc.Update([0.2f, 0.5f], [0, 1], [1, 0]);
        var s = acc.Compute();
        Assert.Equal(1.0, s.Labels[0].Auroc);
        Assert.Equal(AurocAccumulator.StatusOneClass, s.Labels[1].Status);
        Assert.Equal(1.0, s.MeanAuroc);
    }
}
