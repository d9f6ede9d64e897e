using CxrSeg.Models.Encoders;
using TorchSharp;
using static TorchSharp.torch;

namespace CxrSeg.Models.Networks;

/// <summary>
/// Base of every network <see cref="ModelFactory"/> builds: an <c>encoder</c> plus architecture-specific parts,
/// with smp's top-level key names (<c>encoder.</c>, <c>decoder.</c>, <c>segmentation_head.</c>, <c>classification_head.</c>).
/// </summary>
public abstract class SegmentationNetwork : nn.Module<Tensor, Tensor>
{
    /// <summary>Creates the module.</summary>
    protected SegmentationNetwork(string name, ModelSpec spec, Encoder encoder) : base(name)
    {
        Spec = spec;
        Encoder = encoder;
    }

    /// <summary>The spec this network was built from.</summary>
    public ModelSpec Spec { get; }

    /// <summary>The backbone.</summary>
    public Encoder Encoder { get; }

    /// <summary>Input height and width must be multiples of this.</summary>
    public virtual int SizeMultiple => 32;

    /// <summary>Throws a <see cref="UserFacingException"/> when <paramref name="x"/> is not [B, InChannels, H, W] with H, W multiples of <see cref="SizeMultiple"/>.</summary>
    protected void CheckInput(Tensor x)
    {
        if (x.dim() != 4 || x.shape[1] != Spec.InChannels)
            throw new UserFacingException($"{Spec.Architecture}-{Spec.Encoder} expects input [batch, {Spec.InChannels}, H, W], got [{string.Join(", ", x.shape)}]");
        if (x.shape[2] % SizeMultiple != 0 || x.shape[3] % SizeMultiple != 0 || x.shape[2] == 0 || x.shape[3] == 0)
            throw new UserFacingException($"{Spec.Architecture}-{Spec.Encoder} needs height and width that are positive multiples of {SizeMultiple}, got {x.shape[2]}×{x.shape[3]}");
    }

    /// <summary>smp's initialisation of decoder and head: Kaiming-uniform convolutions, BN weight 1 / bias 0, Xavier head.</summary>
    protected static void InitDecoder(nn.Module module)
    {
        using var _ = no_grad();
        foreach (var (_, m) in module.named_modules())
        {
            switch (m)
            {
                case TorchSharp.Modules.Conv2d c:
                    nn.init.kaiming_uniform_(c.weight!, 0, nn.init.FanInOut.FanIn, nn.init.NonlinearityType.ReLU);
                    if (c.bias is not null) c.bias.zero_();
                    break;
                case TorchSharp.Modules.BatchNorm2d b:
                    b.weight!.fill_(1);
                    b.bias!.zero_();
                    break;
                case TorchSharp.Modules.Linear l:
                    nn.init.xavier_uniform_(l.weight!);
                    l.bias?.zero_();
                    break;
            }
        }
    }

    /// <summary>smp's head initialisation: Xavier-uniform weight, zero bias.</summary>
    protected static void InitHead(nn.Module module)
    {
        using var _ = no_grad();
        foreach (var (_, m) in module.named_modules())
        {
            if (m is TorchSharp.Modules.Conv2d c) { nn.init.xavier_uniform_(c.weight!); c.bias?.zero_(); }
            if (m is TorchSharp.Modules.Linear l) { nn.init.xavier_uniform_(l.weight!); l.bias?.zero_(); }
        }
    }

    /// <summary>Children are registered explicitly under torchvision/smp names; fields are not auto-registered.</summary>
    protected override void RegisterComponents() { }
}
