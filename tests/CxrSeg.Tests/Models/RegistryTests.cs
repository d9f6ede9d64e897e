using CxrSeg.Models;

namespace CxrSeg.Tests.Models;

public sealed class RegistryTests
{
    [Fact]
    public void Unknown_names_fail_early_with_the_valid_names()
    {
        var e = Assert.Throws<UserFacingException>(() => ModelFactory.Create(new ModelSpec("unet", "resnet51")));
        Assert.Contains("resnet51", e.Message);
        foreach (var n in EncoderRegistry.Names) Assert.Contains(n, e.Message);
        var a = Assert.Throws<UserFacingException>(() => ModelFactory.Create(new ModelSpec("pspnet", "resnet50")));
        Assert.Contains("deeplabv3", a.Message);
    }

    [Fact]
    public void A_pairing_that_needs_dilation_is_refused_for_an_encoder_without_it()
    {
        var noDilation = EncoderRegistry.Get("resnet18") with { Name = "plain", SupportsDilation = false };
        var why = ArchitectureRegistry.Incompatibility(ArchitectureRegistry.Get("deeplabv3"), noDilation);
        Assert.NotNull(why);
        Assert.Contains("dilation", why);
        Assert.Null(ArchitectureRegistry.Incompatibility(ArchitectureRegistry.Get("unet"), noDilation));
    }

    [Theory]
    [InlineData("resnet50")]
    [InlineData("vgg16")]
    public void Published_channels_and_strides_match_the_built_encoder(string name)
    {
        var info = EncoderRegistry.Get(name);
        using var enc = EncoderRegistry.Build(name, 3);
        Assert.Equal(info.Channels, enc.Channels);
        Assert.Equal(info.Strides, enc.Strides);
        using var x = TorchSharp.torch.zeros(1, 3, 64, 64);
        using var _ = TorchSharp.torch.no_grad();
        enc.eval();
        var feats = enc.call(x);
        Assert.Equal(6, feats.Length);
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(info.Channels[i], feats[i].shape[1]);
            Assert.Equal(64 / info.Strides[i], feats[i].shape[2]);
        }
    }

    [Fact]
    public void Dilated_vgg_keeps_stride_8_and_every_parameter_shape()
    {
        using var plain = EncoderRegistry.Build("vgg16", 1);
        using var dilated = EncoderRegistry.Build("vgg16", 1, outputStride: 8);
        Assert.Equal(plain.state_dict().ToDictionary(kv => kv.Key, kv => string.Join(",", kv.Value.shape)),
                     dilated.state_dict().ToDictionary(kv => kv.Key, kv => string.Join(",", kv.Value.shape)));
        using var x = TorchSharp.torch.zeros(1, 1, 64, 64);
        using var _ = TorchSharp.torch.no_grad();
        dilated.eval();
        Assert.Equal(8, dilated.call(x)[^1].shape[2]);
    }
}
