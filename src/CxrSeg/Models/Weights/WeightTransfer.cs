using TorchSharp;
using static TorchSharp.torch;

namespace CxrSeg.Models.Weights;

/// <summary>
/// Copies weights between networks by state-dict name under an explicit rule, checking every shape itself
/// (TorchSharp's <c>load_state_dict</c> broadcasts silently), and re-enables gradients on every parameter
/// afterwards. Build the optimizer after calling this.
/// </summary>
public static class WeightTransfer
{
    /// <summary>Transfers from another network (e.g. the previous pipeline stage).</summary>
    public static TransferReport Transfer(nn.Module source, nn.Module target, TransferMode mode) =>
        Transfer(source.state_dict(), target, mode);

    /// <summary>Transfers from a state dict keyed by smp names.</summary>
    /// <exception cref="UserFacingException">When the rule loads nothing (the source does not fit the target at all).</exception>
    public static TransferReport Transfer(IReadOnlyDictionary<string, Tensor> source, nn.Module target, TransferMode mode)
    {
        Func<string, bool> wanted = mode switch
        {
            TransferMode.Encoder => k => k.StartsWith("encoder.", StringComparison.Ordinal),
            TransferMode.EncoderDecoder => k => k.StartsWith("encoder.", StringComparison.Ordinal) || k.StartsWith("decoder.", StringComparison.Ordinal),
            _ => throw new ArgumentOutOfRangeException(nameof(mode)),
        };
        var report = Apply(source, target, wanted, firstConvKey: null);
        if (report.Loaded.Count == 0)
            throw new UserFacingException($"weight transfer ({mode}) loaded no tensor: the source has no matching names and shapes ({report.Summary})");
        return report;
    }

    /// <summary>
    /// The core: for each target entry the rule wants, copy the same-named source tensor when shapes agree.
    /// When <paramref name="firstConvKey"/> is given and only its input-channel count differs, the source is
    /// adapted (summed over RGB for one channel, as smp does). Every parameter trains afterwards.
    /// </summary>
    internal static TransferReport Apply(IReadOnlyDictionary<string, Tensor> source, nn.Module target, Func<string, bool> wanted, string? firstConvKey)
    {
        var loaded = new List<string>();
        var skipped = new Dictionary<string, string>(StringComparer.Ordinal);
        var reinit = new List<string>();
        var used = new HashSet<string>(StringComparer.Ordinal);
        using (no_grad())
        {
            foreach (var (key, dst) in target.state_dict())
            {
                if (!wanted(key)) { reinit.Add(key); continue; }
                if (!source.TryGetValue(key, out var src)) { skipped[key] = "missing in source"; continue; }
                used.Add(key);
                var value = src;
                if (!value.shape.SequenceEqual(dst.shape) && key == firstConvKey)
                    value = AdaptFirstConv(src, dst.shape[1]) ?? src;
                if (!value.shape.SequenceEqual(dst.shape))
                {
                    skipped[key] = $"shape [{string.Join(", ", src.shape)}] in source, [{string.Join(", ", dst.shape)}] in target";
                    continue;
                }
                dst.copy_(value.to(dst.dtype, dst.device));
                loaded.Add(key);
            }
        }
        foreach (var p in target.parameters()) p.requires_grad_(true);
        var unused = source.Keys.Where(k => !used.Contains(k)).ToList();
        return new TransferReport(loaded, skipped, reinit, unused);
    }

    /// <summary>smp's first-convolution patch: sum over RGB for 1 channel; for more, repeat the RGB filters cyclically scaled by 3/C. Null when not a 3-channel source.</summary>
    public static Tensor? AdaptFirstConv(Tensor rgbWeight, long inChannels)
    {
        if (rgbWeight.dim() != 4 || rgbWeight.shape[1] != 3) return null;
        if (inChannels == 1) return rgbWeight.sum(1, keepdim: true);
        var idx = arange(inChannels, dtype: ScalarType.Int64) % 3;
        return rgbWeight.index_select(1, idx) * (3.0 / inChannels);
    }
}
