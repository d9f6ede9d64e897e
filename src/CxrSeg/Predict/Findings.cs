namespace CxrSeg.Predict;

/// <summary>The per-image findings summary written beside the masks.</summary>
/// <param name="Areas">Area of every class kept.</param>
/// <param name="Burden">Opacity burden per lung (empty when the lung classes are not predicted).</param>
/// <param name="TotalOpacityPercent">GGO ∪ consolidation inside either lung / both lungs' area × 100.</param>
/// <param name="EffusionPresent">Pleural effusion area ≥ the presence threshold.</param>
/// <param name="PneumothoraxPresent">Pneumothorax area ≥ the presence threshold.</param>
/// <param name="DevicesPresent">Device classes whose area ≥ the presence threshold.</param>
/// <param name="PresenceMinPixels">The presence threshold in pixels used.</param>
public sealed record Findings(
    IReadOnlyList<ClassArea> Areas,
    IReadOnlyList<LungBurden> Burden,
    double? TotalOpacityPercent,
    bool? EffusionPresent,
    bool? PneumothoraxPresent,
    IReadOnlyList<string> DevicesPresent,
    long PresenceMinPixels);
