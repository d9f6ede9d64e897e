using TorchSharp;
using static TorchSharp.torch;

namespace CxrSeg.Models.Decoders;

/// <summary>ASPP's image-pooling branch: global average pool, 1×1 Conv-BN-ReLU, bilinear resize back (children 0…3).</summary>
public sealed class AsppPooling : nn.Module<Tensor, Tensor>
{
    private readonly nn.Module<Tensor, Tensor> _pool, _conv, _bn, _relu;

    /// <summary>Builds the branch.</summary>
    public AsppPooling(int inChannels, int outChannels) : base("ASPPPooling")
    {
        _pool = nn.AdaptiveAvgPool2d(1);
        _conv = nn.Conv2d(inChannels, outChannels, 1, bias: false);
        _bn = nn.BatchNorm2d(outChannels);
        _relu = nn.ReLU();
        register_module("0", _pool);
        register_module("1", _conv);
        register_module("2", _bn);
        register_module("3", _relu);
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor x)
    {
        var y = _relu.call(_bn.call(_conv.call(_pool.call(x))));
        return nn.functional.interpolate(y, size: [x.shape[2], x.shape[3]], mode: InterpolationMode.Bilinear, align_corners: false);
    }

    /// <summary>Children are registered explicitly under torchvision/smp names; fields are not auto-registered.</summary>
    protected override void RegisterComponents() { }
}
