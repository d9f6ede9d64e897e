using CxrSeg.Models.Networks;

namespace CxrSeg.Models;

/// <summary>Builds any registered encoder × architecture pairing from a <see cref="ModelSpec"/>.</summary>
public static class ModelFactory
{
    /// <summary>
    /// Builds the network (checking names and capabilities first). Segmentation nets output [B, Classes, H, W]
    /// logits at input size; the classifier [B, Classes]; the autoencoder [B, InChannels, H, W]. Every BatchNorm
    /// is guarded by <see cref="BatchNormGuard"/>.
    /// </summary>
    public static SegmentationNetwork Create(ModelSpec spec)
    {
        var (arch, enc) = ArchitectureRegistry.Check(spec);
        spec = spec with { Architecture = arch.Name, Encoder = enc.Name };
        SegmentationNetwork net = arch.Name switch
        {
            "unet" => new Unet(spec, EncoderRegistry.Build(enc.Name, spec.InChannels), enc.UnetCenter),
            "autoencoder" => new Autoencoder(spec, EncoderRegistry.Build(enc.Name, spec.InChannels), enc.UnetCenter),
            "deeplabv3" => new DeepLabV3(spec, EncoderRegistry.Build(enc.Name, spec.InChannels, outputStride: 8)),
            "classifier" => new Classifier(spec, EncoderRegistry.Build(enc.Name, spec.InChannels)),
            _ => throw new InvalidOperationException($"architecture '{arch.Name}' is registered but has no builder"),
        };
        BatchNormGuard.Attach(net);
        return net;
    }

    /// <summary>Number of trainable parameters (weights and biases; BatchNorm running statistics excluded, as smp counts).</summary>
    public static long CountParameters(TorchSharp.torch.nn.Module module) =>
        module.parameters().Sum(p => p.numel());
}
