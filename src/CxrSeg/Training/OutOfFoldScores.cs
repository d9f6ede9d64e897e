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
        var pooled = new SegmentationAccumulator(data.ClassNames, settings.Threshold);
        var perFold = new List<double?>();
        var builder = new BatchBuilder(data, BatchTarget.Masks, settings.Normalisation, settings.InChannels, null, new Device(settings.Device));
        for (var f = 0; f < models.Count; f++)
        {
            var fold = new SegmentationAccumulator(data.ClassNames, settings.Threshold);
            Evaluator.Run([models[f]], builder, folds[f], settings, fold, null);
            pooled.Merge(fold);
            perFold.Add(fold.Compute().MeanIou);
        }
        var scores = pooled.Compute();
        var file = MetricsFile.Of(scores, "out-of-fold") with { FoldMIoU = perFold };
        file.Save(Path.Combine(runDir, RunFiles.CvMetrics));
        observer.OnMessage(FormattableString.Invariant($"cross-validation (out-of-fold, {models.Count} folds): mIoU {scores.MeanIou:0.####}; folds {string.Join(", ", perFold.Select(v => v is { } x ? x.ToString("0.####", CultureInfo.InvariantCulture) : "n/a"))}"));
        return scores;
    }
}
