using TorchSharp;
using static TorchSharp.torch;

namespace CxrSeg.Models.Encoders;

/// <summary>
/// A backbone that returns one feature map per stage, full resolution first (smp's encoder contract), and
/// publishes each stage's channel count and stride. Parameters carry torchvision's names.
/// </summary>
public abstract class Encoder : nn.Module<Tensor, Tensor[]>
{
    /// <summary>Creates the module with its TorchSharp name.</summary>
    protected Encoder(string name) : base(name) { }

    /// <summary>Channels of each returned feature map, full resolution first.</summary>
    public abstract IReadOnlyList<int> Channels { get; }

    /// <summary>Stride (input size / feature size) of each returned feature map.</summary>
    public abstract IReadOnlyList<int> Strides { get; }

    /// <summary>The state-dict key (without the <c>encoder.</c> prefix) of the first convolution's weight.</summary>
    public abstract string FirstConvKey { get; }

    /// <summary>Children are registered explicitly under torchvision/smp names; fields are not auto-registered.</summary>
    protected override void RegisterComponents() { }
}
