using CxrSeg.Stages;

namespace CxrSeg.Training;

/// <summary>What <c>cxrseg train</c> asks for: options plus dataset, architecture and output folder.</summary>
/// <param name="Options">Training options.</param>
/// <param name="DatasetPath">Prepared dataset folder.</param>
/// <param name="Encoder">Encoder name.</param>
/// <param name="Decoder">Decoder for segmentation ("unet" or "deeplabv3"); classify uses "classifier", reconstruct "autoencoder".</param>
/// <param name="Init">Initialisation.</param>
/// <param name="OutDir">Run folder (resumed when it holds checkpoint_last).</param>
public sealed record TrainRequest(TrainOptions Options, string DatasetPath, string Encoder, string Decoder, ModelInit Init, string OutDir);
