namespace CxrSeg.Data.Cache;

/// <summary>The kind of target a prepared set holds per image.</summary>
public enum TargetKind
{
    /// <summary>Binary masks, one channel per class (multi-label).</summary>
    Mask,
    /// <summary>A vector of binary labels (multi-label classification).</summary>
    Labels,
}
