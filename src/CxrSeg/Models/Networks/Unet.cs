using CxrSeg.Models.Decoders;
using CxrSeg.Models.Encoders;
using TorchSharp;
using static TorchSharp.torch;

namespace CxrSeg.Models.Networks;

/// <summary>smp's <c>Unet</c>: encoder, UNet decoder (centre block for VGG), 3×3 head 16→classes. Output [B, Classes, H, W] logits.</summary>
public sealed class Unet : SegmentationNetwork
{
    private readonly UnetDecoder _decoder;
    private readonly nn.Module<Tensor, Tensor> _head;

    /// <summary>Builds the network around <paramref name="encoder"/>.</summary>
    public Unet(ModelSpec spec, Encoder encoder, bool center) : base("Unet", spec, encoder)
    {
        _decoder = new UnetDecoder(encoder.Channels, center);
        _head = new SegmentationHead(_decoder.OutChannels, spec.Classes, 3);
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
