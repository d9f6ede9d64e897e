using TorchSharp;
using static TorchSharp.torch;

namespace CxrSeg.Models.Encoders;

/// <summary>
/// VGG16 (optionally with BatchNorm) as an smp encoder with torchvision's names (<c>features.N</c>; no
/// <c>classifier</c>). Returns six features: each convolution block's output (before its max-pool) and the
/// last pool: channels 64,128,256,512,512,512 at strides 1…32.
/// At output stride 8 (this project's DeepLabV3-VGG16, which smp cannot build): the 4th and 5th max-pools
/// become 3×3 stride-1 pools (padding 1) and the 5th block's convolutions are dilated by 2, as in DeepLab-v1/v2's
/// VGG; no parameter changes, so ImageNet weights load unchanged.
/// </summary>
public sealed class VggEncoder : Encoder
{
    private static readonly int[] Cfg16 = [64, 64, -1, 128, 128, -1, 256, 256, 256, -1, 512, 512, 512, -1, 512, 512, 512, -1];

    private readonly nn.Module<Tensor, Tensor>[] _layers;
    private readonly HashSet<int> _poolIndices = [];
    private readonly int[] _strides;

    /// <summary>Builds VGG16's features.</summary>
    /// <param name="inChannels">Input channels.</param>
    /// <param name="batchNorm">true for <c>vgg16_bn</c>.</param>
    /// <param name="outputStride">32, or 8 (dilated last block, stride-1 last two pools).</param>
    public VggEncoder(int inChannels, bool batchNorm, int outputStride) : base("VggEncoder")
    {
        if (outputStride is not (8 or 32)) throw new ArgumentException($"outputStride must be 8 or 32 (got {outputStride})");
        var dilated = outputStride == 8;
        var layers = new List<nn.Module<Tensor, Tensor>>();
        var c = inChannels;
        var poolNo = 0;
        var block = 0;
        foreach (var v in Cfg16)
        {
            if (v < 0)
            {
                poolNo++;
                _poolIndices.Add(layers.Count);
                layers.Add(dilated && poolNo >= 4 ? nn.MaxPool2d(3, stride: 1, padding: 1) : nn.MaxPool2d(2, stride: 2));
                block++;
                continue;
            }
            var dil = dilated && block == 4 ? 2 : 1;
            layers.Add(nn.Conv2d(c, v, 3, padding: dil, dilation: dil));
            if (batchNorm) layers.Add(nn.BatchNorm2d(v));
            layers.Add(nn.ReLU());
            c = v;
        }
        _layers = layers.ToArray();
        register_module("features", nn.Sequential(_layers));
        _strides = dilated ? [1, 2, 4, 8, 8, 8] : [1, 2, 4, 8, 16, 32];
    }

    /// <inheritdoc />
    public override IReadOnlyList<int> Channels { get; } = [64, 128, 256, 512, 512, 512];

    /// <inheritdoc />
    public override IReadOnlyList<int> Strides => _strides;

    /// <inheritdoc />
    public override string FirstConvKey => "features.0.weight";

    /// <inheritdoc />
    public override Tensor[] forward(Tensor x)
    {
        var outs = new List<Tensor>(6);
        for (var i = 0; i < _layers.Length; i++)
        {
            if (_poolIndices.Contains(i)) outs.Add(x);
            x = _layers[i].call(x);
        }
        outs.Add(x);
        return outs.ToArray();
    }
}
