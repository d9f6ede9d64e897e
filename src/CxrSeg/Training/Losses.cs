using CxrSeg.Data.Transforms;
using CxrSeg.Stages;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace CxrSeg.Training;

/// <summary>
/// The training losses, each masked by the per-image labelled flags (an unlabelled class contributes nothing). The
/// segmentation terms take optional per-class weights [C] (mean 1 keeps the scale of the unweighted loss).
/// </summary>
public static class Losses
{
    /// <summary>Smoothing term of the soft Dice, Tversky and clDice ratios (pixels).</summary>
    public const double DiceSmooth = 1.0;

    /// <summary>Mean per-pixel BCE over (image, class) pairs that are labelled. logits/targets [B,C,H,W] or [B,C]; labelled [B,C].</summary>
    public static Tensor MaskedBce(Tensor logits, Tensor targets, Tensor labelled) => MaskedBce(logits, targets, labelled, 0, null);

    /// <summary>
    /// BCE with a focal factor (1 − p_t)^<paramref name="gamma"/> per pixel (p_t: the probability given to the true value; gamma 0
    /// is plain BCE), averaged per (image, class), weighted by <paramref name="weights"/> [C] and summed over labelled pairs
    /// divided by their count.
    /// </summary>
    public static Tensor MaskedBce(Tensor logits, Tensor targets, Tensor labelled, double gamma, Tensor? weights)
    {
        var bce = F.binary_cross_entropy_with_logits(logits, targets, reduction: nn.Reduction.None);
        if (gamma > 0)
        {
            var p = logits.sigmoid();
            var pt = p * targets + (1 - p) * (1 - targets);
            bce = bce * (1 - pt).pow(gamma);
        }
        if (bce.dim() == 4) bce = bce.mean(new long[] { 2, 3 });
        var w = weights is null ? labelled : labelled * weights;
        return (bce * w).sum() / labelled.sum().clamp_min(1);
    }

    /// <summary>1 − soft Dice per class (pooled over the labelled images of the batch), averaged over classes labelled in the batch.</summary>
    public static Tensor MaskedSoftDice(Tensor logits, Tensor targets, Tensor labelled) => MaskedSoftDice(logits, targets, labelled, null);

    /// <summary>1 − soft Dice per class, pooled over the labelled images, weighted per class; divided by the number of classes labelled in the batch.</summary>
    public static Tensor MaskedSoftDice(Tensor logits, Tensor targets, Tensor labelled, Tensor? weights)
    {
        var p = logits.sigmoid();
        var inter = PooledSum(p * targets, labelled);
        var denom = PooledSum(p, labelled) + PooledSum(targets, labelled);
        var dice = (inter * 2 + DiceSmooth) / (denom + DiceSmooth);
        return ClassMean(1 - dice, labelled, weights, null);
    }

    /// <summary>
    /// 1 − Tversky index per class, TI = (TP + s) / (TP + α·FP + β·FN + s), with soft counts pooled over the labelled images;
    /// α weighs false positives, β false negatives (α = β = 0.5 is the soft Dice but for the smoothing). Averaged like <see cref="MaskedSoftDice(Tensor, Tensor, Tensor, Tensor?)"/>.
    /// </summary>
    public static Tensor MaskedTversky(Tensor logits, Tensor targets, Tensor labelled, double alpha, double beta, Tensor? weights)
    {
        var p = logits.sigmoid();
        var tp = PooledSum(p * targets, labelled);
        var fp = PooledSum(p * (1 - targets), labelled);
        var fn = PooledSum((1 - p) * targets, labelled);
        var ti = (tp + DiceSmooth) / (tp + fp * alpha + fn * beta + DiceSmooth);
        return ClassMean(1 - ti, labelled, weights, null);
    }

    /// <summary>
    /// 1 − soft clDice per selected class (<paramref name="selected"/> [C] 0/1): with soft skeletons S_P of the probabilities and
    /// S_T of the targets, topology precision = (Σ S_P·T + s) / (Σ S_P + s), sensitivity = (Σ S_T·P + s) / (Σ S_T + s), and
    /// clDice their harmonic mean; sums pooled over the labelled images; averaged over selected classes labelled in the batch.
    /// </summary>
    public static Tensor MaskedSoftClDice(Tensor logits, Tensor targets, Tensor labelled, Tensor selected, Tensor? weights)
    {
        var p = logits.sigmoid();
        var skP = SoftSkeleton.Of(p);
        var skT = SoftSkeleton.Of(targets);
        var precision = (PooledSum(skP * targets, labelled) + DiceSmooth) / (PooledSum(skP, labelled) + DiceSmooth);
        var sensitivity = (PooledSum(skT * p, labelled) + DiceSmooth) / (PooledSum(skT, labelled) + DiceSmooth);
        var cl = precision * sensitivity * 2 / (precision + sensitivity);
        return ClassMean(1 - cl, labelled, weights, selected);
    }

    /// <summary>The task's loss for a batch, unweighted (validation loss; training uses <see cref="SegmentationObjective"/> for segment).</summary>
    public static Tensor Compute(TrainOptions o, Tensor output, Batch batch) => o.Task switch
    {
        TrainTask.Segment => new SegmentationObjective(o, null, null).Compute(output, batch),
        TrainTask.Classify => MaskedBce(output, batch.Targets, batch.Labelled),
        _ => o.ReconstructionLoss == ReconstructionLoss.L1 ? F.l1_loss(output, batch.Targets) : F.mse_loss(output, batch.Targets),
    };

    /// <summary>Per-class sums over pixels and the labelled images: [B,C,H,W] → [C].</summary>
    private static Tensor PooledSum(Tensor x, Tensor labelled) => (x.sum(dim: 3).sum(dim: 2) * labelled).sum(dim: 0);

    /// <summary>Σ loss·present·weight / Σ present over classes (present: labelled in the batch and selected).</summary>
    private static Tensor ClassMean(Tensor perClass, Tensor labelled, Tensor? weights, Tensor? selected)
    {
        var present = labelled.sum(dim: 0).gt(0).to(perClass.dtype);
        if (selected is not null) present = present * selected;
        var w = weights is null ? present : present * weights;
        return (perClass * w).sum() / present.sum().clamp_min(1);
    }
}
