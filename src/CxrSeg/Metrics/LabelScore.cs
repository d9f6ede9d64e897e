namespace CxrSeg.Metrics;

/// <summary>One classification label's AUROC, or null with an n/a status.</summary>
/// <param name="Name">Label name.</param>
/// <param name="Auroc">Area under the ROC curve, or null (n/a).</param>
/// <param name="Status">"ok", or "n/a: …" with the reason.</param>
/// <param name="Positives">Labelled positives.</param>
/// <param name="Negatives">Labelled negatives.</param>
public sealed record LabelScore(string Name, double? Auroc, string Status, int Positives, int Negatives);
