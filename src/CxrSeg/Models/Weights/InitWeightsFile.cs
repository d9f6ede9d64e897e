using CxrSeg.Models.Networks;
using static TorchSharp.torch;

namespace CxrSeg.Models.Weights;

/// <summary>
/// Starts a network from a weights file (<c>--init FILE.pth|FILE.safetensors</c>): an smp checkpoint (either DeepLabV3
/// spelling, as exported by <c>cxrseg export</c> or saved by smp) or a torchvision classification network, detected
/// from the key names. A <c>module.</c> prefix (DataParallel) and a <c>state_dict</c>-only wrapper are accepted.
/// What is loaded, skipped (wanted but missing or of another shape) and re-initialised is reported.
/// </summary>
public static class InitWeightsFile
{
    /// <summary>The transfer parts a file init accepts: encoder, encoder+decoder, all (encoder, decoder and head where shapes fit).</summary>
    public static IReadOnlyList<string> Parts { get; } = ["encoder", "encoder+decoder", "all"];

    /// <summary>Whether an <c>--init</c> value names a weights file (by extension: .pth, .pt, .safetensors).</summary>
    public static bool Names(string source) =>
        source.EndsWith(".pth", StringComparison.OrdinalIgnoreCase) || source.EndsWith(".pt", StringComparison.OrdinalIgnoreCase)
        || source.EndsWith(".safetensors", StringComparison.OrdinalIgnoreCase);

    /// <summary>The layout of a state dict, or a <see cref="UserFacingException"/> naming <paramref name="path"/> when it is neither.</summary>
    public static StateDictLayout Detect(IEnumerable<string> keys, string path)
    {
        var list = keys.ToList();
        if (list.Any(k => k.StartsWith("encoder.", StringComparison.Ordinal))) return StateDictLayout.Smp;
        if (list.Any(k => k.StartsWith("conv1.", StringComparison.Ordinal) || k.StartsWith("layer1.", StringComparison.Ordinal) || k.StartsWith("features.", StringComparison.Ordinal)))
            return StateDictLayout.Torchvision;
        throw new UserFacingException(
            $"--init {path}: neither an smp state dict (encoder.* keys) nor a torchvision network (conv1.*/layer1.* or features.* keys); first keys: {string.Join(", ", list.Take(3))}");
    }

    /// <summary>
    /// Loads <paramref name="path"/> into <paramref name="network"/>. <paramref name="parts"/> ("encoder", "encoder+decoder"
    /// or "all") chooses what an smp file gives; a torchvision file gives the encoder only. The encoder must fit entirely
    /// (same encoder, any input channels: the first convolution is adapted as smp does); decoder and head tensors of
    /// another shape (other classes) are skipped and keep their fresh initialisation.
    /// </summary>
    public static (StateDictLayout Layout, TransferReport Report) Load(SegmentationNetwork network, string path, string parts = "encoder")
    {
        var partsKey = parts.Trim().ToLowerInvariant();
        if (!Parts.Contains(partsKey)) throw new UserFacingException($"--transfer: unknown value '{parts}' with --init FILE (valid: {string.Join(", ", Parts)})");
        var raw = Unwrap(StateDictFile.Read(path));
        var layout = Detect(raw.Keys, path);
        var target = network.state_dict();
        var source = layout == StateDictLayout.Smp
            ? SmpKeyLayout.ToProject(raw, target.Keys)
            : raw.Where(kv => !kv.Key.StartsWith("fc.", StringComparison.Ordinal) && !kv.Key.StartsWith("classifier.", StringComparison.Ordinal))
                 .ToDictionary(kv => "encoder." + kv.Key, kv => kv.Value, StringComparer.Ordinal);
        Func<string, bool> wanted = layout == StateDictLayout.Torchvision || partsKey == "encoder"
            ? k => k.StartsWith("encoder.", StringComparison.Ordinal)
            : partsKey == "encoder+decoder"
                ? k => k.StartsWith("encoder.", StringComparison.Ordinal) || k.StartsWith("decoder.", StringComparison.Ordinal)
                : _ => true;
        var report = WeightTransfer.Apply(source, network, wanted, "encoder." + network.Encoder.FirstConvKey);
        var encoderMisses = report.Skipped.Keys.Where(k => k.StartsWith("encoder.", StringComparison.Ordinal)).ToList();
        if (encoderMisses.Count > 0 || report.Loaded.Count == 0)
            throw new UserFacingException($"--init {path} ({layout.ToString().ToLowerInvariant()} layout) does not fit encoder '{network.Spec.Encoder}': {report.Summary}");
        return (layout, report);
    }

    private static Dictionary<string, Tensor> Unwrap(Dictionary<string, Tensor> dict)
    {
        foreach (var prefix in new[] { "module.", "model.", "state_dict." })
            if (dict.Count > 0 && dict.Keys.All(k => k.StartsWith(prefix, StringComparison.Ordinal)))
                return Unwrap(dict.ToDictionary(kv => kv.Key[prefix.Length..], kv => kv.Value, StringComparer.Ordinal));
        return dict;
    }
}
