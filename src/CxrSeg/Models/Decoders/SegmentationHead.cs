using TorchSharp;
using static TorchSharp.torch;

namespace CxrSeg.Models.Decoders;

/// <summary>
/// smp's <c>SegmentationHead</c> convolution (child <c>0</c>, so keys read <c>segmentation_head.0.weight</c>).
/// Works around a libtorch 2.10 CPU defect: the input gradient of a 3×3 convolution with few output channels
/// (1, 3, 4, 8 seen) intermittently contains NaN (uninitialised memory). The forward pass therefore runs the
/// convolution with its output channels zero-padded to a multiple of 16 and keeps the first ones, which is
/// mathematically identical and gives the same gradients for the real weights.
/// </summary>
public sealed class SegmentationHead : nn.Module<Tensor, Tensor>
{
    private const int ChannelBlock = 16;
    private readonly TorchSharp.Modules.Conv2d _conv;
    private readonly int _kernel, _outChannels;

    /// <summary>Builds a <paramref name="kernel"/>×<paramref name="kernel"/> convolution with bias, padding kernel/2.</summary>
    public SegmentationHead(int inChannels, int outChannels, int kernel) : base("SegmentationHead")
    {
        _kernel = kernel;
        _outChannels = outChannels;
        _conv = nn.Conv2d(inChannels, outChannels, kernel, padding: kernel / 2);
        register_module("0", _conv);
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor x)
    {
        var w = _conv.weight!;
        var b = _conv.bias!;
        var pad = (ChannelBlock - _outChannels % ChannelBlock) % ChannelBlock;
        if (pad == 0) return _conv.call(x);
        var wp = cat([w, zeros(pad, w.shape[1], w.shape[2], w.shape[3], dtype: w.dtype, device: w.device)], 0);
        var bp = cat([b, zeros(pad, dtype: b.dtype, device: b.device)], 0);
        var p = _kernel / 2;
        return nn.functional.conv2d(x, wp, bp, [1, 1], [p, p], [1, 1], 1).narrow(1, 0, _outChannels).contiguous();
    }

    /// <summary>Children are registered explicitly under smp names; fields are not auto-registered.</summary>
    protected override void RegisterComponents() { }
}
