namespace CxrSeg.Experiments;

/// <summary>
/// The capability check used when no model registry is plugged in: DeepLabV3 needs a dilated (atrous) encoder, which
/// the VGG family does not offer (as in segmentation_models_pytorch); everything else is allowed.
/// </summary>
public static class DefaultCapability
{
    /// <summary>The check as a <see cref="ModelCapability"/>.</summary>
    public static readonly ModelCapability Check = (architecture, encoder) =>
        architecture == "deeplabv3" && encoder.StartsWith("vgg", StringComparison.OrdinalIgnoreCase)
            ? $"{encoder} does not support dilation, which DeepLabV3 needs"
            : null;
}
