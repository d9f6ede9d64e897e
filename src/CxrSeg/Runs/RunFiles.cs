
namespace CxrSeg.Runs;

/// <summary>
/// The names of the files and folders a run leaves on disk. A training run folder (<c>cxrseg train --out</c>, or a
/// workspace's <c>stages/&lt;id&gt;/</c>) holds <see cref="Manifest"/> (<see cref="RunManifest"/>), <see cref="History"/>,
/// <see cref="Metrics"/>, <see cref="TensorBoard"/>/ and the checkpoint folders (<see cref="CheckpointStore"/>); a
/// finished stage adds <see cref="StageInfo"/>; a plan's run folder (<c>runs/&lt;run&gt;/</c>) holds its own
/// <see cref="Manifest"/> (<see cref="PlanRunRecord"/>) and a copy of the final stage's <see cref="Metrics"/>.
/// </summary>
public static class RunFiles
{
    /// <summary><c>run.json</c>: a training run's <see cref="RunManifest"/>, or a plan run's <see cref="PlanRunRecord"/>.</summary>
    public const string Manifest = "run.json";

    /// <summary><c>metrics.json</c>: the test (or validation) scores, <see cref="MetricsFile"/>.</summary>
    public const string Metrics = "metrics.json";

    /// <summary><c>thresholds.json</c>: per-class thresholds chosen on validation (<c>--tune-thresholds</c>), <see cref="ThresholdsFile"/>.</summary>
    public const string Thresholds = "thresholds.json";

    /// <summary><c>cv_metrics.json</c>: a k-fold run's out-of-fold scores (each fold model on its own validation fold, pooled), <see cref="MetricsFile"/> with fold mIoUs.</summary>
    public const string CvMetrics = "cv_metrics.json";

    /// <summary>
    /// <c>cv_metrics_thresholds.json</c>: with <c>--tune-thresholds</c>, the out-of-fold scores at per-class thresholds
    /// cross-fitted over the folds (each fold scored at the thresholds chosen on the other folds' out-of-fold images),
    /// <see cref="MetricsFile"/> with fold mIoUs.
    /// </summary>
    public const string CvMetricsThresholds = "cv_metrics_thresholds.json";

    /// <summary><c>history.csv</c>: one <see cref="EpochRecord"/> per epoch, <see cref="HistoryCsv"/>.</summary>
    public const string History = "history.csv";

    /// <summary><c>stage.json</c>: written last into a finished stage folder, <see cref="StageInfo"/>.</summary>
    public const string StageInfo = "stage.json";

    /// <summary><c>tensorboard/</c>: TensorBoard event files, <see cref="TensorBoardLog"/>.</summary>
    public const string TensorBoard = "tensorboard";

    /// <summary>The folder of fold <paramref name="fold"/> (from 1) of a k-fold run.</summary>
    public static string FoldFolder(int fold) => $"fold_{fold}";
}
