using static TorchSharp.torch;

namespace CxrSeg.Models.Weights;

/// <summary>
/// Translates state-dict key names between the networks here and the spellings of segmentation_models_pytorch
/// releases. The networks here keep smp &lt; 0.5's DeepLabV3 spelling (<c>decoder.0.*</c> ASPP, <c>decoder.1.*</c> conv,
/// <c>decoder.2.*</c> BatchNorm); smp ≥ 0.5 spells them <c>decoder.aspp.*</c>, <c>decoder.conv.*</c>, <c>decoder.bn.*</c>.
/// Every other key is the same in all releases.
/// </summary>
public static class SmpKeyLayout
{
    private static readonly (string Sequential, string Named)[] DeepLabDecoder =
    [
        ("decoder.0.", "decoder.aspp."),
        ("decoder.1.", "decoder.conv."),
        ("decoder.2.", "decoder.bn."),
    ];

    /// <summary>The keys of this project's network written as <paramref name="version"/> spells them.</summary>
    public static Dictionary<string, Tensor> ForVersion(IReadOnlyDictionary<string, Tensor> stateDict, string architecture, SmpVersion version)
    {
        var named = architecture == "deeplabv3" && version.NamedDeepLabDecoder;
        return stateDict.ToDictionary(kv => named ? Rename(kv.Key, toNamed: true) : kv.Key, kv => kv.Value, StringComparer.Ordinal);
    }

    /// <summary>
    /// Any release's spelling translated to this project's: smp ≥ 0.5 DeepLabV3 decoder keys become <c>decoder.0/1/2.*</c>.
    /// Only applied when <paramref name="targetKeys"/> (the network's own keys) use the sequential spelling, so a key
    /// that already fits is never renamed.
    /// </summary>
    public static Dictionary<string, Tensor> ToProject(IReadOnlyDictionary<string, Tensor> source, IEnumerable<string> targetKeys)
    {
        var target = targetKeys.ToHashSet(StringComparer.Ordinal);
        return source.ToDictionary(
            kv => !target.Contains(kv.Key) && target.Contains(Rename(kv.Key, toNamed: false)) ? Rename(kv.Key, toNamed: false) : kv.Key,
            kv => kv.Value, StringComparer.Ordinal);
    }

    /// <summary>Which spelling a state dict uses for a DeepLabV3 decoder: "0.5" (named), "0.3" (sequential) or null (no DeepLabV3 decoder keys).</summary>
    public static SmpVersion? DetectDeepLabSpelling(IEnumerable<string> keys)
    {
        foreach (var k in keys)
        {
            if (DeepLabDecoder.Any(p => k.StartsWith(p.Named, StringComparison.Ordinal))) return SmpVersion.Current;
            if (k.StartsWith("decoder.0.convs.", StringComparison.Ordinal) || k.StartsWith("decoder.0.project.", StringComparison.Ordinal)) return new SmpVersion(0, 3);
        }
        return null;
    }

    private static string Rename(string key, bool toNamed)
    {
        foreach (var (seq, named) in DeepLabDecoder)
        {
            var (from, to) = toNamed ? (seq, named) : (named, seq);
            if (key.StartsWith(from, StringComparison.Ordinal)) return to + key[from.Length..];
        }
        return key;
    }
}
