using TorchSharp;
using static TorchSharp.torch;

namespace CxrSeg.Models.Encoders;

/// <summary>
/// torchvision's residual block: <c>BasicBlock</c> (two 3×3 convolutions) or <c>Bottleneck</c> (1×1, grouped
/// 3×3, 1×1; ResNet v1.5 with the stride on the 3×3), with torchvision's parameter names.
/// </summary>
public sealed class ResNetBlock : nn.Module<Tensor, Tensor>
{
    private readonly nn.Module<Tensor, Tensor> _conv1, _bn1, _conv2, _bn2, _relu;
    private readonly nn.Module<Tensor, Tensor>? _conv3, _bn3, _downsample;

    /// <summary>Builds one block.</summary>
    /// <param name="bottleneck">true: Bottleneck (expansion 4); false: BasicBlock (expansion 1).</param>
    /// <param name="inPlanes">Input channels.</param>
    /// <param name="planes">Base width of the block (output = planes × expansion).</param>
    /// <param name="stride">Stride of the 3×3 convolution (and of the downsample path).</param>
    /// <param name="dilation">Dilation of every 3×3 convolution (padding equals dilation).</param>
    /// <param name="groups">Groups of the 3×3 convolution (ResNeXt cardinality).</param>
    /// <param name="widthPerGroup">Channels per group (64 for ResNet, 4 for ResNeXt-32x4d).</param>
    public ResNetBlock(bool bottleneck, int inPlanes, int planes, int stride, int dilation, int groups, int widthPerGroup)
        : base(bottleneck ? "Bottleneck" : "BasicBlock")
    {
        var expansion = bottleneck ? 4 : 1;
        var outPlanes = planes * expansion;
        if (bottleneck)
        {
            var width = (int)(planes * (widthPerGroup / 64.0)) * groups;
            _conv1 = nn.Conv2d(inPlanes, width, 1, bias: false);
            _bn1 = nn.BatchNorm2d(width);
            _conv2 = nn.Conv2d(width, width, 3, stride: stride, padding: dilation, dilation: dilation, groups: groups, bias: false);
            _bn2 = nn.BatchNorm2d(width);
            _conv3 = nn.Conv2d(width, outPlanes, 1, bias: false);
            _bn3 = nn.BatchNorm2d(outPlanes);
        }
        else
        {
            _conv1 = nn.Conv2d(inPlanes, planes, 3, stride: stride, padding: dilation, dilation: dilation, bias: false);
            _bn1 = nn.BatchNorm2d(planes);
            _conv2 = nn.Conv2d(planes, planes, 3, padding: dilation, dilation: dilation, bias: false);
            _bn2 = nn.BatchNorm2d(planes);
        }
        _relu = nn.ReLU();
        if (stride != 1 || inPlanes != outPlanes)
            _downsample = nn.Sequential(nn.Conv2d(inPlanes, outPlanes, 1, stride: stride, bias: false), nn.BatchNorm2d(outPlanes));

        register_module("conv1", _conv1);
        register_module("bn1", _bn1);
        register_module("conv2", _conv2);
        register_module("bn2", _bn2);
        if (_conv3 is not null) register_module("conv3", _conv3);
        if (_bn3 is not null) register_module("bn3", _bn3);
        register_module("relu", _relu);
        if (_downsample is not null) register_module("downsample", _downsample);
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor x)
    {
        var identity = _downsample is null ? x : _downsample.call(x);
        var y = _relu.call(_bn1.call(_conv1.call(x)));
        y = _bn2.call(_conv2.call(y));
        if (_conv3 is not null) y = _bn3!.call(_conv3.call(_relu.call(y)));
        return _relu.call(y + identity);
    }

    /// <summary>Children are registered explicitly under torchvision/smp names; fields are not auto-registered.</summary>
    protected override void RegisterComponents() { }
}
