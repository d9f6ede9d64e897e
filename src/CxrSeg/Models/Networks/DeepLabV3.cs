using CxrSeg.Models.Decoders;
using CxrSeg.Models.Encoders;
using TorchSharp;
using static TorchSharp.torch;

namespace CxrSeg.Models.Networks;

/// <summary>
/// smp's <c>DeepLabV3</c>: encoder at output stride 8, ASPP decoder, 1×1 head, bilinear upsampling
/// (align_corners=true) back to the input size. Output [B, Classes, H, W] logits.
/// </summary>
public sealed class DeepLabV3 : SegmentationNetwork
{
    private readonly DeepLabV3Decoder _decoder;
    private readonly nn.Module<Tensor, Tensor> _head;

    /// <summary>Builds the network; <paramref name="encoder"/> must be built at output stride 8.</summary>
    public DeepLabV3(ModelSpec spec, Encoder encoder) : base("DeepLabV3", spec, encoder)
    {
        if (encoder.Strides[^1] != 8) throw new ArgumentException("DeepLabV3 needs an encoder built at output stride 8");
        _decoder = new DeepLabV3Decoder(encoder.Channels[^1]);
        _head = new SegmentationHead(_decoder.OutChannels, spec.Classes, 1);
        InitDecoder(_decoder);
        InitHead(_head);
        register_module("encoder", encoder);
        register_module("decoder", _decoder);
        register_module("segmentation_head", _head);
    }

    /// <inheritdoc />
    public override int SizeMultiple => 8;

    /// <inheritdoc />
    public override Tensor forward(Tensor x)
    {
        CheckInput(x);
        var features = Encoder.call(x);
        var y = _head.call(_decoder.call(features[^1]));
        return nn.functional.interpolate(y, size: [x.shape[2], x.shape[3]], mode: InterpolationMode.Bilinear, align_corners: true);
    }
}
