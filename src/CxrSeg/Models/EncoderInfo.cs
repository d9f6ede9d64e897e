namespace CxrSeg.Models;

/// <summary>One registry entry: an encoder's published capabilities and where its ImageNet weights come from.</summary>
/// <param name="Name">Registry name (the <see cref="ModelSpec.Encoder"/> value).</param>
/// <param name="Family">"resnet" or "vgg".</param>
/// <param name="Channels">Channels of the six features for 3 input channels (full resolution first; the ResNet family's first entry is the input).</param>
/// <param name="Strides">Strides of the six features at output stride 32.</param>
/// <param name="SupportsDilation">Whether the encoder can run at output stride 8 (needed by DeepLabV3).</param>
/// <param name="UnetCenter">Whether smp's UNet adds its centre block for this encoder (VGG).</param>
/// <param name="ImageNetFile">torchvision's published weights file name.</param>
/// <param name="ImageNetUrl">Where torchvision publishes that file.</param>
/// <param name="Description">One line for listings.</param>
/// <param name="BundledImageNet">Where a bundled ImageNet start comes from (no file needed), or null when ImageNet weights must be supplied.</param>
public sealed record EncoderInfo(
    string Name,
    string Family,
    IReadOnlyList<int> Channels,
    IReadOnlyList<int> Strides,
    bool SupportsDilation,
    bool UnetCenter,
    string ImageNetFile,
    string ImageNetUrl,
    string Description,
    string? BundledImageNet = null);
