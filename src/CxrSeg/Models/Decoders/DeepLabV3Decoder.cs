using TorchSharp;
using static TorchSharp.torch;

namespace CxrSeg.Models.Decoders;

/// <summary>smp's <c>DeepLabV3Decoder</c>: ASPP (child 0), then 3×3 Conv (1), BN (2), ReLU (3), 256 channels.</summary>
public sealed class DeepLabV3Decoder : nn.Module<Tensor, Tensor>
{
    /// <summary>smp's default atrous rates.</summary>
    public static readonly int[] DefaultRates = [12, 24, 36];

    private readonly nn.Module<Tensor, Tensor> _aspp, _conv, _bn, _relu;

    /// <summary>Builds the decoder on the encoder's deepest feature width.</summary>
    public DeepLabV3Decoder(int inChannels, int channels = 256) : base("DeepLabV3Decoder")
    {
        OutChannels = channels;
        _aspp = new Aspp(inChannels, channels, DefaultRates);
        _conv = nn.Conv2d(channels, channels, 3, padding: 1, bias: false);
        _bn = nn.BatchNorm2d(channels);
        _relu = nn.ReLU();
        register_module("0", _aspp);
        register_module("1", _conv);
        register_module("2", _bn);
        register_module("3", _relu);
    }

    /// <summary>Output channels (256).</summary>
    public int OutChannels { get; }

    /// <inheritdoc />
    public override Tensor forward(Tensor x) => _relu.call(_bn.call(_conv.call(_aspp.call(x))));

    /// <summary>Children are registered explicitly under torchvision/smp names; fields are not auto-registered.</summary>
    protected override void RegisterComponents() { }
}
