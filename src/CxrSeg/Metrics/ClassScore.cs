namespace CxrSeg.Metrics;

/// <summary>One segmentation class's pooled score; <see cref="Iou"/> and <see cref="Dice"/> are null when <see cref="Status"/> is n/a.</summary>
/// <param name="Name">Class name.</param>
/// <param name="Iou">Pooled intersection over union, or null (n/a).</param>
/// <param name="Dice">Pooled Dice coefficient, or null (n/a).</param>
/// <param name="Status">"ok", or "n/a: …" with the reason.</param>
/// <param name="Intersection">Summed intersection pixels.</param>
/// <param name="Predicted">Summed predicted pixels.</param>
/// <param name="Truth">Summed ground-truth pixels.</param>
/// <param name="LabelledImages">Images in which the class was labelled (counted).</param>
public sealed record ClassScore(string Name, double? Iou, double? Dice, string Status,
    long Intersection, long Predicted, long Truth, int LabelledImages)
{
    /// <summary>Whether the class counts in the means.</summary>
    public bool IsPresent => Status == OverlapMath.StatusOk;
}
