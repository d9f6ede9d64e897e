
namespace CxrSeg.Bench.Measurements;

/// <summary>
/// Epoch timings through the real data path against the bare train step, and the process memory after each epoch.
/// </summary>
/// <param name="EpochSeconds">Wall seconds of each full epoch (data, augmentation, steps, validation metrics, checkpoint).</param>
/// <param name="StepsPerEpoch">Training steps in each epoch.</param>
/// <param name="BareStepSeconds">Median seconds of one bare step (random tensors in memory: forward, loss, backward, Adam).</param>
/// <param name="RssBytes">Resident set size of the process after each epoch.</param>
public sealed record EpochBenchmarkResult(IReadOnlyList<double> EpochSeconds, IReadOnlyList<long> StepsPerEpoch, double BareStepSeconds, IReadOnlyList<long> RssBytes)
{
    /// <summary>Median full-epoch seconds over epochs 2.. (epoch 1 is a warm-up).</summary>
    public double MedianEpochSeconds => Median(EpochSeconds.Skip(1));

    /// <summary>Bare step time × the steps of an epoch (median steps over epochs 2..).</summary>
    public double BareEpochSeconds => BareStepSeconds * Median(StepsPerEpoch.Skip(1).Select(s => (double)s));

    /// <summary>What the data path, augmentation, validation metrics and checkpoints add: epoch / (bare step × steps) − 1.</summary>
    public double Overhead => BareEpochSeconds > 0 ? MedianEpochSeconds / BareEpochSeconds - 1 : double.NaN;

    /// <summary>RSS growth from after epoch 2 to after the last epoch, as a fraction of the former (flat memory ≈ 0).</summary>
    public double RssGrowth => RssBytes.Count >= 2 && RssBytes[1] > 0 ? (double)(RssBytes[^1] - RssBytes[1]) / RssBytes[1] : double.NaN;

    private static double Median(IEnumerable<double> values)
    {
        var v = values.OrderBy(x => x).ToArray();
        return v.Length == 0 ? double.NaN : v.Length % 2 == 1 ? v[v.Length / 2] : (v[v.Length / 2 - 1] + v[v.Length / 2]) / 2;
    }
}
