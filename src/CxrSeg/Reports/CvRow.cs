namespace CxrSeg.Reports;

/// <summary>
/// One setting of a cross-validation comparison: out-of-fold IoU (each fold model on its own validation fold, pooled over
/// folds), averaged over the setting's repeats; fractions in [0, 1].
/// </summary>
/// <param name="Name">The grid variant, or the plan labels when the grid has no variants.</param>
/// <param name="Runs">Repeats found.</param>
/// <param name="MeanIou">CV mIoU (mean over repeats of the pooled out-of-fold mIoU).</param>
/// <param name="FoldMin">Lowest single-fold mIoU over the repeats' folds.</param>
/// <param name="FoldMax">Highest single-fold mIoU.</param>
/// <param name="ClassIou">Per-class CV IoU in class order (null: n/a in every repeat).</param>
/// <param name="TestMeanIou">Test mIoU of the same runs (evaluate it once, for the chosen setting only).</param>
public sealed record CvRow(string Name, int Runs, double? MeanIou, double? FoldMin, double? FoldMax, IReadOnlyList<double?> ClassIou, double? TestMeanIou);
