using System.Globalization;
using CxrSeg.Data.Cache;
using CxrSeg.Data.Transforms;
using CxrSeg.Metrics;
using CxrSeg.Runs;
using TorchSharp;
using static TorchSharp.torch;

namespace CxrSeg.Training;

/// <summary>A k-fold run's cross-validation scores (<see cref="RunFiles.CvMetrics"/>), the figure that compares settings.</summary>
public static class OutOfFoldScores
{
    /// <summary>
    /// Scores each fold model on its own validation fold (whole images, the run's threshold) and writes the pooled result with
    /// every fold's mIoU to <see cref="RunFiles.CvMetrics"/>: the cross-validation figure that compares settings.
    /// </summary>
    public static SegmentationScores Write(string runDir, IReadOnlyList<nn.Module<Tensor, Tensor>> models, IReadOnlyList<IReadOnlyList<int>> folds,
        IPreparedSet data, EvaluationSettings settings, ITrainingObserver observer)
    {
        var (scores, perFold) = Score(models, folds, data, settings, null);
        (MetricsFile.Of(scores, "out-of-fold") with { FoldMIoU = perFold }).Save(Path.Combine(runDir, RunFiles.CvMetrics));
        observer.OnMessage(FormattableString.Invariant($"cross-validation (out-of-fold, {models.Count} folds): mIoU {scores.MeanIou:0.####}; folds {string.Join(", ", perFold.Select(v => v is { } x ? x.ToString("0.####", CultureInfo.InvariantCulture) : "n/a"))}"));
        return scores;
    }

    /// <summary>Each fold model on its own fold (at <paramref name="thresholds"/>[fold] per class, or the run's threshold), pooled; and each fold's mIoU.</summary>
    private static (SegmentationScores Pooled, List<double?> PerFold) Score(IReadOnlyList<nn.Module<Tensor, Tensor>> models, IReadOnlyList<IReadOnlyList<int>> folds,
        IPreparedSet data, EvaluationSettings settings, IReadOnlyList<double[]>? thresholds)
    {
        var pooled = new SegmentationAccumulator(data.ClassNames, settings.Threshold);
        var perFold = new List<double?>();
        var builder = new BatchBuilder(data, BatchTarget.Masks, settings.Normalisation, settings.InChannels, null, new Device(settings.Device));
        for (var f = 0; f < models.Count; f++)
        {
            var classThresholds = thresholds?[f];
            var fold = new SegmentationAccumulator(data.ClassNames, settings.Threshold, classThresholds);
            Evaluator.Run([models[f]], builder, folds[f], classThresholds is null ? settings : settings with { ClassThresholds = classThresholds }, fold, null);
            pooled.Merge(fold);
            perFold.Add(fold.Compute().MeanIou);
        }
        return (pooled.Compute(), perFold);
    }

    /// <summary>
    /// Per fold, the per-class thresholds chosen on the pooled sweeps of all the other folds (<see cref="ThresholdSweep.Best"/>),
    /// so no fold is scored at thresholds chosen on its own images.
    /// </summary>
    public static IReadOnlyList<double[]> CrossFittedThresholds(IReadOnlyList<ThresholdSweep> sweeps, double fallback)
    {
        if (sweeps.Count < 2) throw new ArgumentException("cross-fitting needs at least two folds", nameof(sweeps));
        var result = new List<double[]>();
        for (var f = 0; f < sweeps.Count; f++)
        {
            var others = ThresholdSweep.Pool(sweeps.Where((_, g) => g != f).ToList());
            result.Add(others.Best(fallback).Select(b => b.Threshold).ToArray());
        }
        return result;
    }

    /// <summary>
    /// With <c>--tune-thresholds</c>: the cross-validation figure of tuned thresholds, without tuning on the scored images.
    /// <paramref name="sweeps"/> holds each fold model's sweep on its own fold (<see cref="ThresholdTuner.Sweeps"/>); each fold
    /// is scored at the thresholds chosen on the other folds (<see cref="CrossFittedThresholds"/>), pooled, and written to
    /// <see cref="RunFiles.CvMetricsThresholds"/> with each fold's mIoU.
    /// </summary>
    public static SegmentationScores WriteWithCrossFittedThresholds(string runDir, IReadOnlyList<nn.Module<Tensor, Tensor>> models,
        IReadOnlyList<IReadOnlyList<int>> folds, IReadOnlyList<ThresholdSweep> sweeps, IPreparedSet data, EvaluationSettings settings, ITrainingObserver observer)
    {
        var thresholds = CrossFittedThresholds(sweeps, settings.Threshold);
        var (scores, perFold) = Score(models, folds, data, settings, thresholds);
        (MetricsFile.Of(scores, "out-of-fold, thresholds cross-fitted") with { FoldMIoU = perFold }).Save(Path.Combine(runDir, RunFiles.CvMetricsThresholds));
        observer.OnMessage(FormattableString.Invariant(
            $"cross-validation with tuned thresholds (each fold at the thresholds of the other folds): mIoU {scores.MeanIou:0.####}"));
        return scores;
    }
}
