namespace CxrSeg.Reports;

/// <summary>One pretraining stage's validation curve, read from its history.csv.</summary>
/// <param name="StageId">The stage id (its folder under <c>stages/</c>).</param>
/// <param name="Title">What the stage is, e.g. "classify nih14 · classifier-resnet18-cntk · imagenet".</param>
/// <param name="Metric">The validation metric plotted: "mean AUROC", "mIoU" or "loss".</param>
/// <param name="Epochs">Epoch numbers.</param>
/// <param name="Values">The metric per epoch.</param>
public sealed record PretrainingCurve(string StageId, string Title, string Metric, IReadOnlyList<int> Epochs, IReadOnlyList<double> Values)
{
    /// <summary>The best value (highest; lowest for a loss).</summary>
    public double Best => Metric == "loss" ? Values.Min() : Values.Max();
}
