
namespace CxrSeg.Stages;

/// <summary>Segmentation loss.</summary>
public enum SegmentationLoss
{
    /// <summary>Per-channel BCE plus soft Dice (default).</summary>
    BceDice,
    /// <summary>Per-channel BCE only (plain baseline).</summary>
    Bce,
    /// <summary>Per-channel BCE plus the Tversky term (<see cref="TrainOptions.TverskyAlpha"/> weighs false positives, <see cref="TrainOptions.TverskyBeta"/> false negatives).</summary>
    BceTversky,
}
