using TorchSharp;
using static TorchSharp.torch;

namespace CxrSeg.Models.Decoders;

/// <summary>
/// smp's <c>SegmentationHead</c> convolution (child <c>0</c>, so keys read <c>segmentation_head.0.weight</c>).
/// </summary>
public sealed class SegmentationHead : nn.Module<Tensor, Tensor>
{
    private readonly TorchSharp.Modules.Conv2d _conv;

    /// <summary>Builds a <paramref name="kernel"/>×<paramref name="kernel"/> convolution with bias, padding kernel/2.</summary>
    public SegmentationHead(int inChannels, int outChannels, int kernel) : base("SegmentationHead")
    {
        _conv = nn.Conv2d(inChannels, outChannels, kernel, padding: kernel / 2);
        register_module("0", _conv);
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor x) => _conv.call(x);

    /// <summary>Children are registered explicitly under smp names; fields are not auto-registered.</summary>
    protected override void RegisterComponents() { }
}
