namespace CxrSeg.Models.Weights;

/// <summary>What a weight transfer did, tensor by tensor (state-dict entries: parameters and BatchNorm buffers).</summary>
/// <param name="Loaded">Target keys copied from the source.</param>
/// <param name="Skipped">Target keys the rule wanted but could not load, with the reason (missing, shape).</param>
/// <param name="Reinitialised">Target keys outside the rule: they keep their fresh initialisation.</param>
/// <param name="Unused">Source keys the rule did not use.</param>
public sealed record TransferReport(
    IReadOnlyList<string> Loaded,
    IReadOnlyDictionary<string, string> Skipped,
    IReadOnlyList<string> Reinitialised,
    IReadOnlyList<string> Unused)
{
    /// <summary>One log line: counts of loaded, skipped, re-initialised and unused tensors, plus the first skip reasons.</summary>
    public string Summary
    {
        get
        {
            var s = $"loaded {Loaded.Count}, skipped {Skipped.Count}, re-initialised {Reinitialised.Count}, unused from source {Unused.Count}";
            if (Skipped.Count > 0)
                s += "; skipped: " + string.Join("; ", Skipped.Take(3).Select(kv => $"{kv.Key} ({kv.Value})")) + (Skipped.Count > 3 ? "; …" : "");
            return s;
        }
    }
}
