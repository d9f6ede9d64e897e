using CxrSeg.Models;

namespace CxrSeg.Experiments;

/// <summary>Which weight transfers make sense between two architectures.</summary>
public static class TransferRules
{
    /// <summary>
    /// True when the decoder of <paramref name="from"/> can be loaded into <paramref name="to"/>: only a UNet
    /// receives a decoder, from the UNet-shaped autoencoder or from a UNet (SIIM step). A classifier has no decoder;
    /// DeepLabV3's ASPP head has no UNet counterpart.
    /// </summary>
    public static bool HasTransferableDecoder(string from, string to) =>
        ArchitectureRegistry.Find(to) is { IsDecoder: true, UnetDecoder: true } && ArchitectureRegistry.Find(from) is { UnetDecoder: true };
}
