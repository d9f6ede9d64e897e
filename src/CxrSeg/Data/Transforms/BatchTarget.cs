
namespace CxrSeg.Data.Transforms;

/// <summary>What a batch's target tensor holds.</summary>
public enum BatchTarget
{
    /// <summary>The masks, one 0/1 channel per class (segmentation).</summary>
    Masks,

    /// <summary>The labels, one 0/1 value per class (classification).</summary>
    Labels,

    /// <summary>The input image itself (reconstruction); every class counts as labelled.</summary>
    Image,
}
