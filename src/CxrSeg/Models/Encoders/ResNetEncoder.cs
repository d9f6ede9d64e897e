using TorchSharp;
using static TorchSharp.torch;

namespace CxrSeg.Models.Encoders;

/// <summary>
/// The ResNet family (ResNet18/50, ResNeXt50-32x4d) as an smp encoder with torchvision's parameter names
/// (<c>conv1</c>, <c>bn1</c>, <c>layer1</c>…<c>layer4</c>; no <c>fc</c>). Returns six features: the input,
/// conv1 (stride 2, before the max-pool), layer1…layer4. At output stride 8, layer3 and layer4 run at stride 1
/// with every 3×3 convolution dilated by 2 and 4 (smp's <c>make_dilated</c>).
/// </summary>
public sealed class ResNetEncoder : Encoder
{
    private readonly nn.Module<Tensor, Tensor> _conv1, _bn1, _relu, _maxpool, _layer1, _layer2, _layer3, _layer4;
    private readonly int[] _channels;
    private readonly int[] _strides;

    /// <summary>Builds the encoder.</summary>
    /// <param name="inChannels">Input channels.</param>
    /// <param name="bottleneck">Bottleneck blocks (ResNet50/ResNeXt) or basic blocks (ResNet18/34).</param>
    /// <param name="layers">Blocks per stage, e.g. 3,4,6,3.</param>
    /// <param name="groups">Cardinality (1 for ResNet, 32 for ResNeXt-32x4d).</param>
    /// <param name="widthPerGroup">64 for ResNet, 4 for ResNeXt-32x4d.</param>
    /// <param name="outputStride">32 (classification layout) or 8 (dilated, for DeepLabV3).</param>
    public ResNetEncoder(int inChannels, bool bottleneck, int[] layers, int groups, int widthPerGroup, int outputStride)
        : base("ResNetEncoder")
    {
        if (outputStride is not (8 or 32)) throw new ArgumentException($"outputStride must be 8 or 32 (got {outputStride})");
        var expansion = bottleneck ? 4 : 1;
        _conv1 = nn.Conv2d(inChannels, 64, 7, stride: 2, padding: 3, bias: false);
        _bn1 = nn.BatchNorm2d(64);
        _relu = nn.ReLU();
        _maxpool = nn.MaxPool2d(3, stride: 2, padding: 1);
        var inPlanes = 64;
        var dilated = outputStride == 8;
        nn.Module<Tensor, Tensor> Layer(int planes, int blocks, int stride, int dilation)
        {
            var list = new List<nn.Module<Tensor, Tensor>>();
            for (var i = 0; i < blocks; i++)
            {
                list.Add(new ResNetBlock(bottleneck, inPlanes, planes, i == 0 ? stride : 1, dilation, groups, widthPerGroup));
                inPlanes = planes * expansion;
            }
            return nn.Sequential(list);
        }
        _layer1 = Layer(64, layers[0], 1, 1);
        _layer2 = Layer(128, layers[1], 2, 1);
        _layer3 = Layer(256, layers[2], dilated ? 1 : 2, dilated ? 2 : 1);
        _layer4 = Layer(512, layers[3], dilated ? 1 : 2, dilated ? 4 : 1);
        _channels = [inChannels, 64, 64 * expansion, 128 * expansion, 256 * expansion, 512 * expansion];
        _strides = dilated ? [1, 2, 4, 8, 8, 8] : [1, 2, 4, 8, 16, 32];
        register_module("conv1", _conv1);
        register_module("bn1", _bn1);
        register_module("relu", _relu);
        register_module("maxpool", _maxpool);
        register_module("layer1", _layer1);
        register_module("layer2", _layer2);
        register_module("layer3", _layer3);
        register_module("layer4", _layer4);
    }

    /// <inheritdoc />
    public override IReadOnlyList<int> Channels => _channels;

    /// <inheritdoc />
    public override IReadOnlyList<int> Strides => _strides;

    /// <inheritdoc />
    public override string FirstConvKey => "conv1.weight";

    /// <inheritdoc />
    public override Tensor[] forward(Tensor x)
    {
        var f1 = _relu.call(_bn1.call(_conv1.call(x)));
        var f2 = _layer1.call(_maxpool.call(f1));
        var f3 = _layer2.call(f2);
        var f4 = _layer3.call(f3);
        var f5 = _layer4.call(f4);
        return [x, f1, f2, f3, f4, f5];
    }
}
