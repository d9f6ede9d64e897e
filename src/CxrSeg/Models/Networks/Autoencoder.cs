using CxrSeg.Models.Decoders;
using CxrSeg.Models.Encoders;
using TorchSharp;
using static TorchSharp.torch;

namespace CxrSeg.Models.Networks;

/// <summary>
/// The encoder mirrored by the UNet decoder run without skips (skips read as zeros), so every decoder tensor
/// has the UNet's name and shape; head 3×3 conv 16→InChannels. Output [B, InChannels, H, W] (raw, no activation).
/// </summary>
public sealed class Autoencoder : SegmentationNetwork
{
    private readonly UnetDecoder _decoder;
    private readonly nn.Module<Tensor, Tensor> _head;

    /// <summary>Builds the autoencoder around <paramref name="encoder"/>.</summary>
    public Autoencoder(ModelSpec spec, Encoder encoder, bool center) : base("Autoencoder", spec, encoder)
    {
        _decoder = new UnetDecoder(encoder.Channels, center, useSkips: false);
        _head = new SegmentationHead(_decoder.OutChannels, spec.InChannels, 3);
        InitDecoder(_decoder);
        InitHead(_head);
        register_module("encoder", encoder);
        register_module("decoder", _decoder);
        register_module("segmentation_head", _head);
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor x)
    {
        CheckInput(x);
        return _head.call(_decoder.call(Encoder.call(x)));
    }
}
