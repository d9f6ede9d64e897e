using TorchSharp;
using static TorchSharp.torch;

namespace CxrSeg.Models.Decoders;

/// <summary>
/// smp's UNet decoder: optional centre block (VGG only), five blocks with decoder channels 256,128,64,32,16;
/// the full-resolution encoder feature is never a skip. Keys: <c>center.0.0.weight</c>, <c>blocks.N.conv1.0.weight</c>.
/// </summary>
public sealed class UnetDecoder : nn.Module<Tensor[], Tensor>
{
    /// <summary>smp's default decoder channels.</summary>
    public static readonly int[] DefaultChannels = [256, 128, 64, 32, 16];

    private readonly nn.Module<Tensor, Tensor>? _center;
    private readonly UnetDecoderBlock[] _blocks;

    /// <summary>Builds the decoder for an encoder's channel list (full resolution first).</summary>
    /// <param name="encoderChannels">Channels of the encoder's six features.</param>
    /// <param name="center">Add smp's centre block (two Conv-BN-ReLU at the deepest width), as smp does for VGG.</param>
    /// <param name="useSkips">false for the autoencoder: skips are treated as zeros (weights keep the UNet's shapes).</param>
    public UnetDecoder(IReadOnlyList<int> encoderChannels, bool center, bool useSkips = true) : base("UnetDecoder")
    {
        UseSkips = useSkips;
        var enc = encoderChannels.Skip(1).Reverse().ToArray();
        var head = enc[0];
        var dec = DefaultChannels;
        var inCh = new[] { head }.Concat(dec[..^1]).ToArray();
        var skipCh = enc.Skip(1).Concat([0]).ToArray();
        if (center)
        {
            _center = nn.Sequential(new ConvBnRelu(head, head, 3), new ConvBnRelu(head, head, 3));
            register_module("center", _center);
        }
        _blocks = Enumerable.Range(0, dec.Length).Select(i => new UnetDecoderBlock(inCh[i], skipCh[i], dec[i])).ToArray();
        register_module("blocks", nn.ModuleList(_blocks));
    }

    /// <summary>Whether skip connections are used (false: autoencoder).</summary>
    public bool UseSkips { get; }

    /// <summary>Channels of the decoder's output (16).</summary>
    public int OutChannels => DefaultChannels[^1];

    /// <inheritdoc />
    public override Tensor forward(Tensor[] features)
    {
        var enc = features.Skip(1).Reverse().ToArray();
        var x = _center is null ? enc[0] : _center.call(enc[0]);
        for (var i = 0; i < _blocks.Length; i++)
        {
            var skip = UseSkips && i + 1 < enc.Length ? enc[i + 1] : null;
            x = _blocks[i].call(x, skip);
        }
        return x;
    }

    /// <summary>Children are registered explicitly under torchvision/smp names; fields are not auto-registered.</summary>
    protected override void RegisterComponents() { }
}
