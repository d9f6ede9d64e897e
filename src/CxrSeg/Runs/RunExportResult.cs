using CxrSeg.Models;

namespace CxrSeg.Runs;

/// <summary>What <see cref="RunExport.Export"/> wrote.</summary>
/// <param name="WeightsPath">The .pth or .safetensors file (smp key names).</param>
/// <param name="SidecarPath">The JSON next to it: smp constructor arguments, class names, input size, normalisation.</param>
/// <param name="Spec">The exported network's spec.</param>
/// <param name="Tensors">Number of tensors written (parameters and BatchNorm buffers).</param>
/// <param name="CheckpointDir">The checkpoint folder the weights came from.</param>
public sealed record RunExportResult(string WeightsPath, string SidecarPath, ModelSpec Spec, int Tensors, string CheckpointDir);
