namespace CxrSeg.Experiments;

/// <summary>Which part of the previous stage's network a stage starts from.</summary>
public enum TransferMode
{
    /// <summary>The encoder only; the decoder and head start fresh.</summary>
    Encoder,

    /// <summary>Encoder and decoder (UNet after an autoencoder or after a SIIM UNet); only the head starts fresh.</summary>
    EncoderDecoder,
}
