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
    /// <summary>Tunes the thresholds; <paramref name="parts"/> pairs each model with the images it did not train on.</summary>
    public static ClassThresholds Tune(IReadOnlyList<(nn.Module<Tensor, Tensor> Model, IReadOnlyList<int> Images)> parts, IPreparedSet data,
        EvaluationSettings settings, string split)
    {
        var sweep = new ThresholdSweep(data.ClassNames.Count);
        foreach (var (model, images) in parts) Evaluator.Sweep([model], data, images, settings with { ClassThresholds = null }, sweep);
        var best = sweep.Best(settings.Threshold);
        return new ClassThresholds(split, parts.Sum(p => p.Images.Count), sweep.Grid,
            data.ClassNames.Select((n, k) => new ClassThreshold(n, best[k].Threshold, best[k].Iou is { } iou ? Math.Round(iou, 6) : null)).ToList());
    }
}
