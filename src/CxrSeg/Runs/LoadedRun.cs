using CxrSeg.Data.Transforms;
using CxrSeg.Models.Networks;
using CxrSeg.Models;

namespace CxrSeg.Runs;

/// <summary>A trained network rebuilt from a run folder, with what prediction needs to feed it.</summary>
/// <param name="Network">The network with the checkpoint's weights, in evaluation mode on the CPU.</param>
/// <param name="Spec">Architecture, encoder, input channels and outputs.</param>
/// <param name="ClassNames">Output channel names, in order (the dataset's classes; the input name for an autoencoder).</param>
/// <param name="InputSize">Square input size the run trained at (letterbox images to it).</param>
/// <param name="Normalisation">Intensity normalisation: pixel/255, then (x − mean) / std, grey replicated to the input channels.</param>
/// <param name="Task">"classify", "reconstruct" or "segment".</param>
/// <param name="Threshold">Probability threshold the run's metrics used.</param>
/// <param name="CheckpointDir">The checkpoint folder the weights came from.</param>
public sealed record LoadedRun(
    SegmentationNetwork Network,
    ModelSpec Spec,
    IReadOnlyList<string> ClassNames,
    int InputSize,
    Normalisation Normalisation,
    string Task,
    double Threshold,
    string CheckpointDir)
{
    /// <summary>Per-class thresholds tuned on validation (<see cref="RunFiles.Thresholds"/>), or null when the run has none.</summary>
    public ClassThresholds? Thresholds { get; init; }
}
