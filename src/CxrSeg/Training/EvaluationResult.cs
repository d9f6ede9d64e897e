using CxrSeg.Metrics;
using CxrSeg.Runs;
using CxrSeg.Stages;

namespace CxrSeg.Training;

/// <summary>Scores of one evaluation: the loss, and segmentation or classification metrics by task.</summary>
/// <param name="Task">Task evaluated.</param>
/// <param name="Images">Images evaluated.</param>
/// <param name="Loss">Mean loss per image.</param>
/// <param name="Segmentation">Pooled IoU/Dice (segment), or null.</param>
/// <param name="Classification">AUROC per label (classify), or null.</param>
/// <param name="Threshold">Threshold used.</param>
/// <param name="LossKind">Loss name for reconstruction ("mse" or "l1").</param>
public sealed record EvaluationResult(TrainTask Task, int Images, double Loss, SegmentationScores? Segmentation,
    ClassificationScores? Classification, double Threshold, string LossKind)
{
    /// <summary>Per-class thresholds used instead of <see cref="Threshold"/> (tuned on validation), or null.</summary>
    public IReadOnlyList<double>? ClassThresholds { get; init; }

    /// <summary>The same images scored at their original resolution (<see cref="OriginalResolutionScores"/>), or null.</summary>
    public SegmentationScores? OriginalResolution { get; init; }

    /// <summary>The value of a monitored metric name ("mIoU", "mDice", "meanAuroc", "val_loss").</summary>
    public double? Value(string monitor) => monitor switch
    {
        "mIoU" => Segmentation?.MeanIou,
        "mDice" => Segmentation?.MeanDice,
        "meanAuroc" => Classification?.MeanAuroc,
        "val_loss" => Loss,
        _ => null,
    };

    /// <summary>The metrics.json text for this result.</summary>
    public string ToJson(string split) => Task switch
    {
        TrainTask.Segment => (MetricsFile.Of(Segmentation!, split) with
        {
            ClassThresholds = ClassThresholds,
            OriginalResolution = OriginalResolution is null ? null : OriginalResolutionMetrics.Of(OriginalResolution),
        }).ToJson(),
        TrainTask.Classify => ClassificationMetricsFile.Of(Classification!, split, Threshold).ToJson(),
        _ => ReconstructionMetricsFile.Of(Loss, LossKind, Images, split).ToJson(),
    };
}
