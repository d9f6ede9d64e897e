namespace CxrSeg.Metrics;

/// <summary>Per-class pooled scores and their means over the present classes.</summary>
/// <param name="Classes">One entry per class, in channel order.</param>
/// <param name="Images">Images evaluated.</param>
/// <param name="Threshold">Probability threshold used to binarise predictions.</param>
public sealed record SegmentationScores(IReadOnlyList<ClassScore> Classes, int Images, double Threshold)
{
    /// <summary>Mean IoU over classes present (n/a excluded); null when none is present.</summary>
    public double? MeanIou => OverlapMath.MeanOverPresent(Classes.Where(c => c.IsPresent).Select(c => c.Iou));

    /// <summary>Mean Dice over classes present (n/a excluded); null when none is present.</summary>
    public double? MeanDice => OverlapMath.MeanOverPresent(Classes.Where(c => c.IsPresent).Select(c => c.Dice));
}
