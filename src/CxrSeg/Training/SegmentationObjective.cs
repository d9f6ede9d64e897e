using CxrSeg.Data.Cache;
using CxrSeg.Data.Transforms;
using CxrSeg.Stages;
using static TorchSharp.torch;

namespace CxrSeg.Training;

/// <summary>
/// The segmentation training loss the options describe: BCE (focal when <see cref="TrainOptions.FocalGamma"/> &gt; 0) plus the
/// soft Dice or Tversky term (<see cref="TrainOptions.SegmentationLoss"/>), plus <see cref="TrainOptions.SkeletonWeight"/> × soft
/// clDice on the skeleton classes; every term weighted per class when weights are given.
/// </summary>
public sealed class SegmentationObjective
{
    private readonly TrainOptions _o;
    private readonly float[]? _weights;
    private readonly float[]? _skeleton;

    /// <summary>Creates the loss with resolved class weights (null: all 1) and skeleton class flags (null: every class).</summary>
    public SegmentationObjective(TrainOptions options, IReadOnlyList<double>? classWeights, IReadOnlyList<bool>? skeletonClasses)
    {
        _o = options;
        _weights = classWeights?.Select(w => (float)w).ToArray();
        _skeleton = skeletonClasses?.Select(s => s ? 1f : 0f).ToArray();
    }

    /// <summary>The per-class weights used (null: unweighted).</summary>
    public IReadOnlyList<float>? Weights => _weights;

    /// <summary>The loss for training on <paramref name="train"/>: class weights resolved on those images, skeleton classes by name.</summary>
    public static SegmentationObjective For(TrainOptions options, IPreparedSet data, IReadOnlyList<int> train)
    {
        var weights = ClassWeights.Resolve(options, data, train);
        var skeleton = options.SkeletonWeight > 0 ? SkeletonClasses.Resolve(options.SkeletonClasses, data.ClassNames) : null;
        return new SegmentationObjective(options, weights, skeleton);
    }

    /// <summary>The loss of a batch (logits [B,C,H,W]).</summary>
    public Tensor Compute(Tensor logits, Batch batch)
    {
        var (t, lab) = (batch.Targets, batch.Labelled);
        var w = _weights is null ? null : tensor(_weights, device: logits.device);
        var loss = Losses.MaskedBce(logits, t, lab, _o.FocalGamma, w);
        loss = _o.SegmentationLoss switch
        {
            SegmentationLoss.BceDice => loss + Losses.MaskedSoftDice(logits, t, lab, w),
            SegmentationLoss.BceTversky => loss + Losses.MaskedTversky(logits, t, lab, _o.TverskyAlpha, _o.TverskyBeta, w),
            _ => loss,
        };
        if (_o.SkeletonWeight > 0)
        {
            var selected = _skeleton is null ? ones(logits.shape[1], device: logits.device) : tensor(_skeleton, device: logits.device);
            loss = loss + Losses.MaskedSoftClDice(logits, t, lab, selected, w) * _o.SkeletonWeight;
        }
        return loss;
    }
}
