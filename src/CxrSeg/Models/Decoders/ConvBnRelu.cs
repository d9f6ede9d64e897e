using TorchSharp;
using static TorchSharp.torch;

namespace CxrSeg.Models.Decoders;

/// <summary>
/// smp's <c>Conv2dReLU</c>: convolution without bias, BatchNorm, ReLU, registered as children <c>0</c>, <c>1</c>,
/// <c>2</c> (so keys read <c>…conv1.0.weight</c>, <c>…conv1.1.running_mean</c>).
/// </summary>
public sealed class ConvBnRelu : nn.Module<Tensor, Tensor>
{
    private readonly TorchSharp.Modules.Conv2d _conv;
    private readonly nn.Module<Tensor, Tensor> _bn, _relu;
    private readonly int _padding, _dilation;

    /// <summary>Builds the unit.</summary>
    public ConvBnRelu(int inChannels, int outChannels, int kernel, int dilation = 1) : base("Conv2dReLU")
    {
        _padding = kernel / 2 * dilation;
        _dilation = dilation;
        _conv = nn.Conv2d(inChannels, outChannels, kernel, padding: _padding, dilation: dilation, bias: false);
        _bn = nn.BatchNorm2d(outChannels);
        _relu = nn.ReLU();
        register_module("0", _conv);
        register_module("1", _bn);
        register_module("2", _relu);
    }

    /// <summary>The convolution's weight [out, in, k, k].</summary>
    public Tensor ConvWeight => _conv.weight!;

    /// <inheritdoc />
    public override Tensor forward(Tensor x) => _relu.call(_bn.call(_conv.call(x)));

    /// <summary>Children are registered explicitly under torchvision/smp names; fields are not auto-registered.</summary>
    protected override void RegisterComponents() { }
}
