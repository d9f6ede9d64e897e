using CxrSeg.Data.Transforms;
using CxrSeg.Stages;
using CxrSeg.Training;
using static TorchSharp.torch;

namespace CxrSeg.Tests.Training;

/// <summary>Each loss term against a value worked out by hand.</summary>
public sealed class LossTermsTests
{
    private static Tensor Logit(double p) => tensor(Math.Log(p / (1 - p)));

    private static float Value(Tensor t) => t.item<float>();

    [Fact]
    public void Focal_bce_with_class_weights()
    {
        using var scope = NewDisposeScope();
        var logits = zeros(1, 2, 1, 1); // p = 0.5 everywhere
        var targets = tensor(new float[] { 1, 0 }).reshape(1, 2, 1, 1);
        var labelled = ones(1, 2);
        // BCE = ln 2 per pixel; p_t = 0.5 so the focal factor (1 − 0.5)² = 0.25; weights 2 and 0.5 over two pairs.
        var loss = Losses.MaskedBce(logits, targets, labelled, 2, tensor(new float[] { 2, 0.5f }));
        Assert.Equal(0.3125 * Math.Log(2), Value(loss), 5);
        Assert.Equal(Math.Log(2), Value(Losses.MaskedBce(logits, targets, labelled)), 5);
    }

    [Fact]
    public void Tversky_weighs_false_negatives_by_beta()
    {
        using var scope = NewDisposeScope();
        // Two pixels: p = 0.8 on the true pixel, 0.2 on the false one: TP 0.8, FP 0.2, FN 0.2.
        var logits = cat([Logit(0.8).reshape(1), Logit(0.2).reshape(1)]).reshape(1, 1, 1, 2).to_type(ScalarType.Float32);
        var targets = tensor(new float[] { 1, 0 }).reshape(1, 1, 1, 2);
        // TI = (0.8 + 1) / (0.8 + 0.3·0.2 + 0.7·0.2 + 1) = 1.8 / 2.0.
        Assert.Equal(0.1, Value(Losses.MaskedTversky(logits, targets, ones(1, 1), 0.3, 0.7, null)), 5);
        // α = 1, β = 0: TI = 1.8 / (1.8 + 0.2).
        Assert.Equal(0.1, Value(Losses.MaskedTversky(logits, targets, ones(1, 1), 1, 0, null)), 5);
        // An unlabelled class contributes nothing.
        Assert.Equal(0, Value(Losses.MaskedTversky(logits, targets, zeros(1, 1), 0.3, 0.7, null)), 6);
    }

    [Fact]
    public void Soft_skeleton_of_a_three_pixel_bar_is_its_centre_line()
    {
        using var scope = NewDisposeScope();
        var bar = zeros(1, 1, 9, 11);
        bar[0, 0, 3..6, 2..9] = tensor(1f);
        var skeleton = SoftSkeleton.Of(bar);
        var expected = zeros(1, 1, 9, 11);
        expected[0, 0, 4, 3..8] = tensor(1f);
        Assert.True(skeleton.allclose(expected), skeleton.squeeze().ToString(TorchSharp.TensorStringStyle.Numpy));
        var line = zeros(1, 1, 5, 5);
        line[0, 0, 2, 1..4] = tensor(1f);
        Assert.True(SoftSkeleton.Of(line).allclose(line), "a one-pixel line is its own skeleton");
    }

    [Fact]
    public void Soft_cldice_on_a_half_confident_line()
    {
        using var scope = NewDisposeScope();
        var targets = zeros(1, 2, 5, 5);
        targets[0, 0, 2, 1..4] = tensor(1f);
        targets[0, 1, 0, 0] = tensor(1f);
        var logits = full(1, 2, 5, 5, -30f);
        logits[0, 0, 2, 1..4] = tensor(0f); // p = 0.5 on the three line pixels
        // S_P = 0.5 on the line (sum 1.5), S_T = the line (sum 3): precision (1.5+1)/(1.5+1) = 1,
        // sensitivity (1.5+1)/(3+1) = 0.625, clDice = 2·0.625/1.625; class 1 is not selected.
        var loss = Losses.MaskedSoftClDice(logits, targets, ones(1, 2), tensor(new float[] { 1, 0 }), null);
        Assert.Equal(1 - 2 * 0.625 / 1.625, Value(loss), 4);
    }

    [Fact]
    public void The_objective_adds_the_chosen_terms()
    {
        using var scope = NewDisposeScope();
        var logits = randn(2, 2, 8, 8, generator: new TorchSharp.torch.Generator(3));
        var targets = rand(2, 2, 8, 8, generator: new TorchSharp.torch.Generator(4)).gt(0.7).to_type(ScalarType.Float32);
        var labelled = ones(2, 2);
        var batch = new Batch(zeros(2, 1, 8, 8), targets, labelled);
        var o = new TrainOptions();
        var plain = new SegmentationObjective(o, null, null).Compute(logits, batch);
        Assert.Equal(Value(Losses.MaskedBce(logits, targets, labelled) + Losses.MaskedSoftDice(logits, targets, labelled)), Value(plain), 5);
        Assert.Equal(Value(plain), Value(Losses.Compute(o, logits, batch)), 6);
        var tversky = new SegmentationObjective(o with { SegmentationLoss = SegmentationLoss.BceTversky }, null, null).Compute(logits, batch);
        Assert.Equal(Value(Losses.MaskedBce(logits, targets, labelled) + Losses.MaskedTversky(logits, targets, labelled, 0.3, 0.7, null)), Value(tversky), 5);
        var skeleton = new SegmentationObjective(o with { SkeletonWeight = 0.5 }, [1.0, 1.0], [false, true]).Compute(logits, batch);
        var cl = Losses.MaskedSoftClDice(logits, targets, labelled, tensor(new float[] { 0, 1 }), tensor(new float[] { 1, 1 }));
        Assert.Equal(Value(plain) + 0.5 * Value(cl), Value(skeleton), 5);
    }
}
