using CxrSeg.Models.Decoders;
using CxrSeg.Models.Encoders;
using TorchSharp;
using static TorchSharp.torch;

namespace CxrSeg.Models.Networks;

/// <summary>
/// Encoder → UNet decoder → 3×3 head, with smp's child names (<c>encoder</c>, <c>decoder</c>,
/// <c>segmentation_head</c>). <see cref="Unet"/> and <see cref="Autoencoder"/> differ only in whether the
/// decoder reads the skips and in the head's output channels, which is what lets an autoencoder seed a UNet.
/// </summary>
public abstract class UnetShapedNetwork : SegmentationNetwork
{
    private readonly UnetDecoder _decoder;
    private readonly nn.Module<Tensor, Tensor> _head;

    /// <summary>Builds the network around <paramref name="encoder"/>.</summary>
    protected UnetShapedNetwork(string name, ModelSpec spec, Encoder encoder, bool center, bool useSkips, int outChannels)
        : base(name, spec, encoder)
    {
        _decoder = new UnetDecoder(encoder.Channels, center, useSkips);
        _head = new SegmentationHead(_decoder.OutChannels, outChannels, 3);
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
