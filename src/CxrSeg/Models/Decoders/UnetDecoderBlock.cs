using TorchSharp;
using static TorchSharp.torch;

namespace CxrSeg.Models.Decoders;

/// <summary>smp's UNet <c>DecoderBlock</c>: nearest ×2 upsampling, concatenation of the skip, two Conv-BN-ReLU.</summary>
public sealed class UnetDecoderBlock : nn.Module<Tensor, Tensor?, Tensor>
{
    private readonly ConvBnRelu _conv1, _conv2;

    /// <summary>Builds the block.</summary>
    public UnetDecoderBlock(int inChannels, int skipChannels, int outChannels) : base("DecoderBlock")
    {
        SkipChannels = skipChannels;
        _conv1 = new ConvBnRelu(inChannels + skipChannels, outChannels, 3);
        _conv2 = new ConvBnRelu(outChannels, outChannels, 3);
        register_module("conv1", _conv1);
        register_module("conv2", _conv2);
    }

    /// <summary>Channels the skip connection contributes (0 for the last block).</summary>
    public int SkipChannels { get; }

    /// <summary>Upsamples, concatenates <paramref name="skip"/> when given (treated as zeros when null), convolves.</summary>
    public override Tensor forward(Tensor x, Tensor? skip)
    {
        x = nn.functional.interpolate(x, scale_factor: [2.0, 2.0], mode: InterpolationMode.Nearest);
        if (skip is null && SkipChannels > 0)
            skip = zeros(x.shape[0], SkipChannels, x.shape[2], x.shape[3], dtype: x.dtype, device: x.device);
        if (skip is not null)
        {
            if (skip.shape[2] != x.shape[2] || skip.shape[3] != x.shape[3])
                throw new InvalidOperationException($"UNet skip size {skip.shape[2]}×{skip.shape[3]} does not match the upsampled {x.shape[2]}×{x.shape[3]}");
            x = cat([x, skip], 1);
        }
        x = _conv1.call(x);
        return _conv2.call(x);
    }

    /// <summary>Children are registered explicitly under torchvision/smp names; fields are not auto-registered.</summary>
    protected override void RegisterComponents() { }
}
