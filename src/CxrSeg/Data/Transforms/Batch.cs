using static TorchSharp.torch;

namespace CxrSeg.Data.Transforms;

/// <summary>One batch on the training device: inputs [B,Cin,S,S], targets (masks [B,C,S,S], labels [B,C] or the input) and labelled flags [B,C].</summary>
/// <param name="Inputs">Normalised images.</param>
/// <param name="Targets">What the loss compares the output with.</param>
/// <param name="Labelled">1 where the class counts for the image (all ones for reconstruction).</param>
public sealed record Batch(Tensor Inputs, Tensor Targets, Tensor Labelled);
