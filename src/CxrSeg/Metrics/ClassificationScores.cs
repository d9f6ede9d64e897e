namespace CxrSeg.Metrics;

/// <summary>Per-label AUROC and their mean over labels where both classes occur.</summary>
/// <param name="Labels">One entry per label, in order.</param>
/// <param name="Images">Images evaluated.</param>
public sealed record ClassificationScores(IReadOnlyList<LabelScore> Labels, int Images)
{
    /// <summary>The reduction written into every classification results file.</summary>
    public const string Reduction = "per label over labelled images; mean over labels with both classes present (n/a excluded)";

    /// <summary>Mean AUROC over labels that are not n/a; null when none.</summary>
    public double? MeanAuroc => OverlapMath.MeanOverPresent(Labels.Where(l => l.Auroc.HasValue).Select(l => l.Auroc));
}
