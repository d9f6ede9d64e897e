namespace CxrSeg.Predict;

/// <summary>Opacity burden of one lung: ground-glass opacity and consolidation inside it, as % of its area.</summary>
/// <param name="Lung">"Right Lung" or "Left Lung" (the patient's side).</param>
/// <param name="LungPixels">Lung area in pixels.</param>
/// <param name="GroundGlassPercent">GGO pixels inside the lung / lung pixels × 100 (null when the lung is empty).</param>
/// <param name="ConsolidationPercent">Consolidation pixels inside the lung / lung pixels × 100.</param>
/// <param name="OpacityPercent">Pixels of GGO ∪ consolidation inside the lung / lung pixels × 100.</param>
public sealed record LungBurden(string Lung, long LungPixels, double? GroundGlassPercent, double? ConsolidationPercent, double? OpacityPercent);
