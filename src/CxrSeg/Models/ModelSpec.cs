namespace CxrSeg.Models;

/// <summary>
/// Everything needed to rebuild a network: serialised into every checkpoint and run.json, so that a run
/// folder alone is enough to predict with it.
/// </summary>
/// <param name="Architecture">"unet", "deeplabv3", "classifier" or "autoencoder".</param>
/// <param name="Encoder">Registry name: "vgg16", "vgg16_bn", "resnet50", "resnext50_32x4d" (plus any small presets the registry lists).</param>
/// <param name="InChannels">Input channels (grey X-rays: 1).</param>
/// <param name="Classes">Output channels (segmentation) or labels (classifier); ignored by the autoencoder (outputs InChannels).</param>
public sealed record ModelSpec(string Architecture, string Encoder, int InChannels = 1, int Classes = 13)
{
    /// <summary>Throws an <see cref="ArgumentException"/> naming the bad field.</summary>
    public void Validate()
    {
        if (InChannels < 1) throw new ArgumentException($"ModelSpec.InChannels must be ≥ 1 (got {InChannels})");
        if (Classes < 1) throw new ArgumentException($"ModelSpec.Classes must be ≥ 1 (got {Classes})");
        if (string.IsNullOrWhiteSpace(Architecture)) throw new ArgumentException("ModelSpec.Architecture is empty");
        if (string.IsNullOrWhiteSpace(Encoder)) throw new ArgumentException("ModelSpec.Encoder is empty");
    }
}
