using CxrSeg.Models.Weights;
using CxrSeg.Models;
using CxrSeg.Tests.Support;
using static TorchSharp.torch;

namespace CxrSeg.Tests.Models;

public sealed class ExportTests
{
    private static void Perturb(TorchSharp.torch.nn.Module net)
    {
        using var _ = no_grad();
        foreach (var (k, t) in net.state_dict())
            if (t.dtype == ScalarType.Float32) t.mul_(1 + 0.1 * (rand_like(t) - 0.5)).add_(0.01 * (rand_like(t) - 0.5)); // small, zero-mean: outputs stay finite in eval mode
    }

    [Theory]
    [InlineData("model.pth")]
    [InlineData("model.safetensors")]
    public void Export_then_import_gives_identical_outputs(string file)
    {
        using var tmp = new TempDir();
        manual_seed(3);
        var spec = new ModelSpec("deeplabv3", "resnet18", 1, 2);
        using var a = ModelFactory.Create(spec);
        Perturb(a); // running statistics and weights away from their initial values
        SmpExport.Export(a, tmp.File(file));
        manual_seed(4);
        using var b = ModelFactory.Create(spec);
        var report = SmpExport.Import(b, tmp.File(file));
        Assert.Equal(a.state_dict().Count, report.Loaded.Count);
        Assert.Contains("decoder.0.convs.4.1.weight", report.Loaded);
        Assert.Contains("segmentation_head.0.bias", report.Loaded);
        a.eval();
        b.eval();
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var x = randn(1, 1, 64, 64);
        Assert.True(a.call(x).Equals(b.call(x)));
        Assert.All(b.parameters(), p => Assert.True(p.requires_grad));
    }

    [Fact]
    public void Import_into_a_network_of_another_shape_is_refused_and_names_the_tensor()
    {
        using var tmp = new TempDir();
        using var a = ModelFactory.Create(new ModelSpec("unet", "resnet18", 1, 2));
        SmpExport.Export(a, tmp.File("m.safetensors"));
        using var b = ModelFactory.Create(new ModelSpec("unet", "resnet18", 1, 5));
        var before = b.state_dict()["encoder.conv1.weight"].clone();
        var e = Assert.Throws<UserFacingException>(() => SmpExport.Import(b, tmp.File("m.safetensors")));
        Assert.Contains("segmentation_head.0.weight", e.Message);
        Assert.True(before.Equals(b.state_dict()["encoder.conv1.weight"])); // nothing copied
    }
}
