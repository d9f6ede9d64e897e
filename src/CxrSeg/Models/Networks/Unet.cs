using CxrSeg.Models.Encoders;

namespace CxrSeg.Models.Networks;

/// <summary>smp's <c>Unet</c>: encoder, UNet decoder (centre block for VGG), 3×3 head 16→classes. Output [B, Classes, H, W] logits.</summary>
public sealed class Unet(ModelSpec spec, Encoder encoder, bool center)
    : UnetShapedNetwork("Unet", spec, encoder, center, useSkips: true, outChannels: spec.Classes);
