using CxrSeg.Models.Weights;
using CxrSeg.Models;
using static TorchSharp.torch;

namespace CxrSeg.Tests.Models;

public sealed class WeightTransferTests
{
    private static bool Same(Tensor a, Tensor b) => a.shape.SequenceEqual(b.shape) && a.Equals(b);

    private static void AssertMoved(nn.Module source, nn.Module target, IReadOnlyDictionary<string, Tensor> before, Func<string, bool> shouldMove, TransferReport report)
    {
        var src = source.state_dict();
        var moved = new List<string>();
        foreach (var (k, t) in target.state_dict())
        {
            var isFloat = t.dtype == ScalarType.Float32;
            if (shouldMove(k))
            {
                Assert.True(Same(t, src[k]), $"{k} should equal the source");
                moved.Add(k);
            }
            else if (isFloat)
            {
                Assert.True(Same(t, before[k]), $"{k} should be untouched");
            }
        }
        Assert.Equal(moved.OrderBy(k => k, StringComparer.Ordinal), report.Loaded.OrderBy(k => k, StringComparer.Ordinal));
        Assert.All(target.parameters(), p => Assert.True(p.requires_grad));
    }

    private static Dictionary<string, Tensor> Snapshot(nn.Module m) =>
        m.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.clone());

    private static void Perturb(nn.Module net)
    {
        using var _ = no_grad();
        foreach (var (_, t) in net.state_dict())
            if (t.dtype == ScalarType.Float32) t.add_(rand_like(t) + 0.5);
    }

    [Fact]
    public void Encoder_only_moves_exactly_the_encoder_from_a_classifier()
    {
        using var cls = ModelFactory.Create(new ModelSpec("classifier", "resnet18", 1, 14));
        Perturb(cls);
        using var unet = ModelFactory.Create(new ModelSpec("unet", "resnet18", 1, 13));
        var before = Snapshot(unet);
        var report = WeightTransfer.Transfer(cls, unet, TransferMode.Encoder);
        AssertMoved(cls, unet, before, k => k.StartsWith("encoder.", StringComparison.Ordinal), report);
        Assert.Empty(report.Skipped);
        Assert.Equal(unet.state_dict().Keys.Count(k => !k.StartsWith("encoder.", StringComparison.Ordinal)), report.Reinitialised.Count);
        Assert.Equal(["classification_head.3.bias", "classification_head.3.weight"], report.Unused.OrderBy(k => k, StringComparer.Ordinal));
    }

    [Fact]
    public void Encoder_and_decoder_from_an_autoencoder_moves_every_decoder_tensor_but_not_the_head()
    {
        using var ae = ModelFactory.Create(new ModelSpec("autoencoder", "resnet18", 1, 1));
        Perturb(ae);
        using var unet = ModelFactory.Create(new ModelSpec("unet", "resnet18", 1, 13));
        var before = Snapshot(unet);
        var report = WeightTransfer.Transfer(ae, unet, TransferMode.EncoderDecoder);
        AssertMoved(ae, unet, before, k => !k.StartsWith("segmentation_head.", StringComparison.Ordinal), report);
        Assert.Empty(report.Skipped);
        Assert.Equal(["segmentation_head.0.bias", "segmentation_head.0.weight"], report.Reinitialised.OrderBy(k => k, StringComparer.Ordinal));
    }

    [Fact]
    public void Segmentation_to_segmentation_with_another_class_count_reinitialises_only_the_head()
    {
        using var siim = ModelFactory.Create(new ModelSpec("deeplabv3", "resnet18", 1, 4));
        Perturb(siim);
        using var ccxs = ModelFactory.Create(new ModelSpec("deeplabv3", "resnet18", 1, 13));
        var before = Snapshot(ccxs);
        var report = WeightTransfer.Transfer(siim, ccxs, TransferMode.EncoderDecoder);
        AssertMoved(siim, ccxs, before, k => !k.StartsWith("segmentation_head.", StringComparison.Ordinal), report);
        Assert.Equal(2, report.Reinitialised.Count);
    }

    [Fact]
    public void Shape_mismatches_are_skipped_and_reported_never_broadcast()
    {
        using var rgb = ModelFactory.Create(new ModelSpec("classifier", "resnet18", 3, 14));
        using var grey = ModelFactory.Create(new ModelSpec("unet", "resnet18", 1, 13));
        var before = grey.state_dict()["encoder.conv1.weight"].clone();
        var report = WeightTransfer.Transfer(rgb, grey, TransferMode.Encoder);
        Assert.Equal(["encoder.conv1.weight"], report.Skipped.Keys);
        Assert.Contains("shape", report.Skipped["encoder.conv1.weight"]);
        Assert.True(before.Equals(grey.state_dict()["encoder.conv1.weight"]));
        Assert.Contains("skipped 1", report.Summary);
    }

    [Fact]
    public void A_source_with_nothing_in_common_is_an_error()
    {
        using var vgg = ModelFactory.Create(new ModelSpec("classifier", "vgg16", 1, 14));
        using var unet = ModelFactory.Create(new ModelSpec("unet", "resnet18", 1, 13));
        Assert.Throws<UserFacingException>(() => WeightTransfer.Transfer(vgg, unet, TransferMode.Encoder));
    }
}
