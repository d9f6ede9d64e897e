using CxrSeg.Data.Cache;
using CxrSeg.Metrics;
using CxrSeg.Runs;
using TorchSharp;
using static TorchSharp.torch;

namespace CxrSeg.Training;

/// <summary>
/// Chooses each class's probability threshold on held-out images (<c>--tune-thresholds</c>): the models' probabilities on
/// their own validation images are pooled into one <see cref="ThresholdSweep"/> (k-fold: each fold model on its fold, i.e.
/// out-of-fold), and every class takes the grid threshold with the best pooled IoU. A class never present nor predicted
/// keeps the default threshold.
/// </summary>
public static class ThresholdTuner
{
    /// <summary>One sweep per part: each model's probabilities on its own images over the threshold grid.</summary>
    public static IReadOnlyList<ThresholdSweep> Sweeps(IReadOnlyList<(nn.Module<Tensor, Tensor> Model, IReadOnlyList<int> Images)> parts, IPreparedSet data,
        EvaluationSettings settings) =>
        parts.Select(p =>
        {
            var sweep = new ThresholdSweep(data.ClassNames.Count);
            Evaluator.Sweep([p.Model], data, p.Images, settings with { ClassThresholds = null }, sweep);
            return sweep;
        }).ToList();

    /// <summary>The thresholds with the best IoU on the pooled <paramref name="sweeps"/> (<paramref name="images"/> images in all).</summary>
    public static ClassThresholds Choose(IReadOnlyList<ThresholdSweep> sweeps, IReadOnlyList<string> classNames, int images, string split, double fallback)
    {
        var pooled = ThresholdSweep.Pool(sweeps);
        var best = pooled.Best(fallback);
        return new ClassThresholds(split, images, pooled.Grid,
            classNames.Select((n, k) => new ClassThreshold(n, best[k].Threshold, best[k].Iou is { } iou ? Math.Round(iou, 6) : null)).ToList());
    }
}
