using CxrSeg.Models;

namespace CxrSeg.Tests.Models;

public sealed class ParameterCountTests
{
    // Figures published by segmentation_models_pytorch for 3 input channels and 1 class.
    [Theory]
    [InlineData("unet", "resnet50", 32_521_105L)]
    [InlineData("unet", "resnext50_32x4d", 31_992_977L)]
    [InlineData("unet", "vgg16", 23_748_241L)]
    [InlineData("unet", "resnet18", 14_328_209L)]
    [InlineData("deeplabv3", "resnet50", 39_633_729L)]
    [InlineData("deeplabv3", "resnext50_32x4d", 39_105_601L)]
    public void Parameter_count_equals_smp(string arch, string encoder, long expected)
    {
        using var net = ModelFactory.Create(new ModelSpec(arch, encoder, InChannels: 3, Classes: 1));
        Assert.Equal(expected, ModelFactory.CountParameters(net));
    }

    [Fact]
    public void One_input_channel_removes_exactly_two_thirds_of_the_first_conv()
    {
        using var rgb = ModelFactory.Create(new ModelSpec("unet", "resnet18", 3, 1));
        using var grey = ModelFactory.Create(new ModelSpec("unet", "resnet18", 1, 1));
        Assert.Equal(2 * 64 * 7 * 7, ModelFactory.CountParameters(rgb) - ModelFactory.CountParameters(grey));
    }
}
