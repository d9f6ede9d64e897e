using CxrSeg.Models.Networks;

namespace CxrSeg.Models.Weights;

/// <summary>A network rebuilt from a checkpoint folder, with what was saved beside it.</summary>
/// <param name="Network">The rebuilt network with its weights (gradients enabled, training mode).</param>
/// <param name="Spec">The saved spec.</param>
/// <param name="Normalisation">The saved input normalisation, when one was saved.</param>
/// <param name="ExtraJson">The caller's extra JSON (raw text), when some was saved.</param>
public sealed record LoadedCheckpoint(SegmentationNetwork Network, ModelSpec Spec, InputNormalisation? Normalisation, string? ExtraJson);
