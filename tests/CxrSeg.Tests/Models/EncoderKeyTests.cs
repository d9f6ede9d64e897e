using CxrSeg.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace CxrSeg.Tests.Models;

public sealed class EncoderKeyTests
{
    private static SortedSet<string> EncoderKeys(string encoder)
    {
        using var net = ModelFactory.Create(new ModelSpec("classifier", encoder, InChannels: 3, Classes: 14));
        return new SortedSet<string>(net.state_dict().Keys.Where(k => k.StartsWith("encoder.", StringComparison.Ordinal)).Select(k => k["encoder.".Length..]), StringComparer.Ordinal);
    }

    private static SortedSet<string> TorchVisionKeys(nn.Module model)
    {
        using (model)
            return new SortedSet<string>(model.state_dict().Keys.Where(k => !k.StartsWith("fc.", StringComparison.Ordinal) && !k.StartsWith("classifier.", StringComparison.Ordinal)), StringComparer.Ordinal);
    }

    [Theory]
    [InlineData("resnet50")]
    [InlineData("resnext50_32x4d")]
    [InlineData("resnet18")]
    [InlineData("vgg16")]
    [InlineData("vgg16_bn")]
    public void Encoder_keys_equal_torchvision(string name)
    {
        nn.Module tv = name switch
        {
            "resnet50" => torchvision.models.resnet50(),
            "resnext50_32x4d" => torchvision.models.resnext50_32x4d(),
            "resnet18" => torchvision.models.resnet18(),
            "vgg16" => torchvision.models.vgg16(),
            "vgg16_bn" => torchvision.models.vgg16_bn(),
            _ => throw new ArgumentException(name),
        };
        var expected = TorchVisionKeys(tv);
        var actual = EncoderKeys(name);
        Assert.NotEmpty(expected);
        Assert.Equal(expected, actual);
    }
}
