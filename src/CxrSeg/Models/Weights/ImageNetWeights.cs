using CxrSeg.Models.Networks;

namespace CxrSeg.Models.Weights;

/// <summary>
/// ImageNet initialisation of an encoder from torchvision's published <c>.pth</c> file (no download: the file
/// must be on disk). <c>fc.*</c>/<c>classifier.*</c> are dropped, keys get the <c>encoder.</c> prefix, and the
/// first convolution is adapted to the network's input channels (summed over RGB for grey).
/// </summary>
public static class ImageNetWeights
{
    /// <summary>
    /// The file to read for <paramref name="encoder"/>: <paramref name="fileOrDir"/> itself when it is a file,
    /// otherwise torchvision's file name inside that folder. A missing file is a <see cref="UserFacingException"/>
    /// naming the file expected and where torchvision publishes it.
    /// </summary>
    public static string Resolve(string encoder, string fileOrDir)
    {
        var info = EncoderRegistry.Get(encoder);
        if (File.Exists(fileOrDir)) return fileOrDir;
        var path = Directory.Exists(fileOrDir) ? Path.Combine(fileOrDir, info.ImageNetFile) : fileOrDir;
        if (!File.Exists(path))
            throw new UserFacingException(
                $"ImageNet weights for '{info.Name}' not found: expected {path} (torchvision file {info.ImageNetFile}, published at {info.ImageNetUrl}; nothing is downloaded at run time)");
        return path;
    }

    /// <summary>Loads ImageNet weights into <paramref name="network"/>'s encoder; every encoder tensor must be present with a compatible shape.</summary>
    public static TransferReport Load(SegmentationNetwork network, string fileOrDir)
    {
        var path = Resolve(network.Spec.Encoder, fileOrDir);
        var raw = StateDictFile.Read(path);
        var mapped = raw
            .Where(kv => !kv.Key.StartsWith("fc.", StringComparison.Ordinal) && !kv.Key.StartsWith("classifier.", StringComparison.Ordinal))
            .ToDictionary(kv => "encoder." + kv.Key, kv => kv.Value, StringComparer.Ordinal);
        var report = WeightTransfer.Apply(mapped, network, k => k.StartsWith("encoder.", StringComparison.Ordinal), "encoder." + network.Encoder.FirstConvKey);
        if (report.Skipped.Count > 0)
            throw new UserFacingException($"{path} does not fit encoder '{network.Spec.Encoder}': {report.Summary}");
        return report;
    }
}
