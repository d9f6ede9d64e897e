using CxrSeg.Models;
using CxrSeg.Models.Weights;
using CxrSeg.Tests.Support;
using TorchSharp;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace CxrSeg.Tests.Models;

public sealed class ImageNetWeightsTests
{
    /// <summary>Writes a torchvision-layout resnet18 state dict (TorchVision's own model, with fc) as the published file name.</summary>
    private static Dictionary<string, Tensor> WriteTorchvisionResnet18(string dir)
    {
        manual_seed(7);
        using var tv = torchvision.models.resnet18();
        tv.save_py(Path.Combine(dir, EncoderRegistry.Get("resnet18").ImageNetFile));
        return tv.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone());
    }

    [Fact]
    public void A_torchvision_pth_loads_as_imagenet_init_with_rgb_summed_and_all_params_trainable()
    {
        using var tmp = new TempDir();
        var tv = WriteTorchvisionResnet18(tmp.Path);
        using var net = ModelFactory.Create(new ModelSpec("unet", "resnet18", InChannels: 1, Classes: 2));

        var report = ImageNetWeights.Load(net, tmp.Path); // folder form: the file name comes from the registry

        var sd = net.state_dict();
        var encoderKeys = sd.Keys.Count(k => k.StartsWith("encoder.", StringComparison.Ordinal));
        Assert.Equal(encoderKeys, report.Loaded.Count);
        Assert.Empty(report.Skipped);
        Assert.Equal(sd.Count - encoderKeys, report.Reinitialised.Count);
        Assert.Empty(report.Unused); // fc.* is dropped before matching
        Assert.True(sd["encoder.conv1.weight"].allclose(tv["conv1.weight"].sum(1, keepdim: true)));
        Assert.True(sd["encoder.layer3.1.bn2.running_var"].Equals(tv["layer3.1.bn2.running_var"]));
        Assert.True(sd["encoder.layer4.0.downsample.0.weight"].Equals(tv["layer4.0.downsample.0.weight"]));

        net.train();
        using var scope = NewDisposeScope();
        net.call(randn(2, 1, 64, 64)).square().mean().backward();
        foreach (var (name, p) in net.named_parameters())
        {
            Assert.True(p.requires_grad, $"{name} does not require grad");
            Assert.True(p.grad is not null && p.grad.abs().sum().item<float>() > 0, $"{name} got no gradient");
        }
    }

    [Fact]
    public void A_missing_file_names_the_expected_file_and_its_url()
    {
        using var tmp = new TempDir();
        using var net = ModelFactory.Create(new ModelSpec("classifier", "resnet18", 1, 14));
        var e = Assert.Throws<UserFacingException>(() => ImageNetWeights.Load(net, tmp.Path));
        Assert.Contains(Path.Combine(tmp.Path, "resnet18-f37072fd.pth"), e.Message);
        Assert.Contains("https://download.pytorch.org/models/resnet18-f37072fd.pth", e.Message);
    }

    [Fact]
    public void Weights_of_another_encoder_are_refused_before_training()
    {
        using var tmp = new TempDir();
        WriteTorchvisionResnet18(tmp.Path);
        using var net = ModelFactory.Create(new ModelSpec("classifier", "vgg16", 1, 14));
        var e = Assert.Throws<UserFacingException>(() => ImageNetWeights.Load(net, Path.Combine(tmp.Path, "resnet18-f37072fd.pth")));
        Assert.Contains("does not fit encoder 'vgg16'", e.Message);
    }
}
