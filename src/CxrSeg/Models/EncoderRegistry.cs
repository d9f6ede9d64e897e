using CxrSeg.Models.Encoders;
using CxrSeg.Models.Weights;

namespace CxrSeg.Models;

/// <summary>The encoders this project builds, as data: names, channels, strides, dilation support, ImageNet files.</summary>
public static class EncoderRegistry
{
    private const string TorchvisionModels = "https://download.pytorch.org/models/";
    private static readonly int[] Strides32 = [1, 2, 4, 8, 16, 32];

    /// <summary>Every registered encoder, in listing order.</summary>
    public static IReadOnlyList<EncoderInfo> All { get; } =
    [
        new("vgg16", "vgg", [64, 128, 256, 512, 512, 512], Strides32, true, true,
            "vgg16-397923af.pth", TorchvisionModels + "vgg16-397923af.pth", "VGG16 (torchvision), 14.7M encoder parameters"),
        new("vgg16_bn", "vgg", [64, 128, 256, 512, 512, 512], Strides32, true, true,
            "vgg16_bn-6c64b313.pth", TorchvisionModels + "vgg16_bn-6c64b313.pth", "VGG16 with BatchNorm (torchvision)"),
        new("resnet50", "resnet", [3, 64, 256, 512, 1024, 2048], Strides32, true, false,
            "resnet50-0676ba61.pth", TorchvisionModels + "resnet50-0676ba61.pth", "ResNet50 (torchvision v1.5 bottlenecks), 23.5M encoder parameters"),
        new("resnext50_32x4d", "resnet", [3, 64, 256, 512, 1024, 2048], Strides32, true, false,
            "resnext50_32x4d-7cdf4587.pth", TorchvisionModels + "resnext50_32x4d-7cdf4587.pth", "ResNeXt50 32x4d (torchvision), 23.0M encoder parameters"),
        new("resnet18", "resnet", [3, 64, 64, 128, 256, 512], Strides32, true, false,
            "resnet18-f37072fd.pth", TorchvisionModels + "resnet18-f37072fd.pth", "ResNet18 (torchvision BasicBlocks): light preset for CPU demos"),
        new("resnet18-cntk", "resnet", [3, 64, 64, 128, 256, 512], Strides32, true, false,
            BundledImageNetWeights.ModelFileName, BundledImageNetWeights.Source,
            "ResNet18 as in ML.NET's ImageNet featurizer (CNTK; BasicBlocks 2-2-2-3): ImageNet weights bundled, --init imagenet needs no file",
            BundledImageNetWeights.Source),
    ];

    /// <summary>Registered names, in listing order.</summary>
    public static IReadOnlyList<string> Names => All.Select(e => e.Name).ToArray();

    /// <summary>Looks an encoder up; throws a <see cref="UserFacingException"/> listing the valid names when unknown.</summary>
    public static EncoderInfo Get(string name) =>
        All.FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new UserFacingException($"unknown encoder '{name}'; valid encoders: {string.Join(", ", Names)}");

    /// <summary>Builds the named encoder's module for <paramref name="inChannels"/> input channels at output stride 32 or 8.</summary>
    public static Encoder Build(string name, int inChannels, int outputStride = 32)
    {
        var info = Get(name);
        if (outputStride != 32 && !info.SupportsDilation)
            throw new UserFacingException($"encoder '{info.Name}' cannot run at output stride {outputStride} (no dilation support)");
        return info.Name switch
        {
            "vgg16" => new VggEncoder(inChannels, batchNorm: false, outputStride),
            "vgg16_bn" => new VggEncoder(inChannels, batchNorm: true, outputStride),
            "resnet50" => new ResNetEncoder(inChannels, bottleneck: true, [3, 4, 6, 3], 1, 64, outputStride),
            "resnext50_32x4d" => new ResNetEncoder(inChannels, bottleneck: true, [3, 4, 6, 3], 32, 4, outputStride),
            "resnet18" => new ResNetEncoder(inChannels, bottleneck: false, [2, 2, 2, 2], 1, 64, outputStride),
            "resnet18-cntk" => new ResNetEncoder(inChannels, bottleneck: false, [2, 2, 2, 3], 1, 64, outputStride),
            _ => throw new InvalidOperationException($"encoder '{info.Name}' is registered but has no builder"),
        };
    }
}
