using CxrSeg.Data.Transforms;
using CxrSeg.Stages;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace CxrSeg.Training;

/// <summary>The training losses, each masked by the per-image labelled flags (an unlabelled class contributes nothing).</summary>
public static class Losses
{
    /// <summary>Smoothing term of the soft Dice (pixels).</summary>
    public const double DiceSmooth = 1.0;

    /// <summary>Mean per-pixel BCE over (image, class) pairs that are labelled. logits/targets [B,C,H,W] or [B,C]; labelled [B,C].</summary>
    public static Tensor MaskedBce(Tensor logits, Tensor targets, Tensor labelled)
    {
        var bce = F.binary_cross_entropy_with_logits(logits, targets, reduction: nn.Reduction.None);
        if (bce.dim() == 4) bce = bce.mean(new long[] { 2, 3 });
        return (bce * labelled).sum() / labelled.sum().clamp_min(1);
    }

    /// <summary>1 − soft Dice per class (pooled over the labelled images of the batch), averaged over classes labelled in the batch.</summary>
    public static Tensor MaskedSoftDice(Tensor logits, Tensor targets, Tensor labelled)
    {
        var p = logits.sigmoid();
        var inter = ((p * targets).sum(dim: 3).sum(dim: 2) * labelled).sum(dim: 0);
        var denom = ((p.sum(dim: 3).sum(dim: 2) + targets.sum(dim: 3).sum(dim: 2)) * labelled).sum(dim: 0);
        var dice = (inter * 2 + DiceSmooth) / (denom + DiceSmooth);
        var present = labelled.sum(dim: 0).gt(0).to(dice.dtype);
        return ((1 - dice) * present).sum() / present.sum().clamp_min(1);
    }

    /// <summary>The task's loss for a batch.</summary>
    public static Tensor Compute(TrainOptions o, Tensor output, Batch batch) => o.Task switch
    {
        TrainTask.Segment when o.SegmentationLoss == SegmentationLoss.BceDice =>
            MaskedBce(output, batch.Targets, batch.Labelled) + MaskedSoftDice(output, batch.Targets, batch.Labelled),
        TrainTask.Segment or TrainTask.Classify => MaskedBce(output, batch.Targets, batch.Labelled),
        _ => o.ReconstructionLoss == ReconstructionLoss.L1 ? F.l1_loss(output, batch.Targets) : F.mse_loss(output, batch.Targets),
    };
}
