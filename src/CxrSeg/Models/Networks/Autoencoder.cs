using CxrSeg.Models.Encoders;

namespace CxrSeg.Models.Networks;

/// <summary>
/// The encoder mirrored by the UNet decoder run without skips (skips read as zeros), so every decoder tensor
/// has the UNet's name and shape; head 3×3 conv 16→InChannels. Output [B, InChannels, H, W] (raw, no activation).
/// </summary>
public sealed class Autoencoder(ModelSpec spec, Encoder encoder, bool center)
    : UnetShapedNetwork("Autoencoder", spec, encoder, center, useSkips: false, outChannels: spec.InChannels);
