
namespace CxrSeg.Models.Weights;

/// <summary>Which part of an earlier network a stage starts from (the tensors a stage-to-stage transfer copies).</summary>
public enum TransferMode
{
    /// <summary>Only <c>encoder.*</c>; decoder and heads keep their fresh initialisation.</summary>
    Encoder,

    /// <summary><c>encoder.*</c> and <c>decoder.*</c> (UNet from an autoencoder, or a segmentation net from an earlier segmentation stage); heads are re-initialised.</summary>
    EncoderDecoder,
}
