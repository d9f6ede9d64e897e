using TorchSharp;
using static TorchSharp.torch;

namespace CxrSeg.Models.Decoders;

/// <summary>
/// smp's ASPP: a 1×1 branch, three 3×3 branches dilated at the given rates, an image-pooling branch (256
/// channels each), concatenated and projected 1×1 to 256 + BN + ReLU + Dropout(0.5). Keys <c>convs.N…</c>, <c>project.N…</c>.
/// </summary>
public sealed class Aspp : nn.Module<Tensor, Tensor>
{
    private readonly nn.Module<Tensor, Tensor>[] _branches;
    private readonly nn.Module<Tensor, Tensor> _project;

    /// <summary>Builds ASPP.</summary>
    public Aspp(int inChannels, int outChannels, IReadOnlyList<int> rates) : base("ASPP")
    {
        var branches = new List<nn.Module<Tensor, Tensor>> { new ConvBnRelu(inChannels, outChannels, 1) };
        branches.AddRange(rates.Select(r => (nn.Module<Tensor, Tensor>)new ConvBnRelu(inChannels, outChannels, 3, r)));
        branches.Add(new AsppPooling(inChannels, outChannels));
        _branches = branches.ToArray();
        _project = nn.Sequential(
            nn.Conv2d(outChannels * _branches.Length, outChannels, 1, bias: false),
            nn.BatchNorm2d(outChannels),
            nn.ReLU(),
            nn.Dropout(0.5));
        register_module("convs", nn.ModuleList(_branches));
        register_module("project", _project);
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor x) => _project.call(cat(_branches.Select(b => b.call(x)).ToArray(), 1));

    /// <summary>Children are registered explicitly under torchvision/smp names; fields are not auto-registered.</summary>
    protected override void RegisterComponents() { }
}
