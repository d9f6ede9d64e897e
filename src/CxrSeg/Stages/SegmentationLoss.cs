
namespace CxrSeg.Stages;

/// <summary>Segmentation loss.</summary>
public enum SegmentationLoss
{
    /// <summary>Per-channel BCE plus soft Dice (default).</summary>
    BceDice,
    /// <summary>Per-channel BCE only (plain baseline).</summary>
    Bce,
}
