namespace CxrSeg.Training;

/// <summary>What a finished training run produced.</summary>
/// <param name="RunDir">The run folder.</param>
/// <param name="Monitor">Monitored metric name.</param>
/// <param name="BestScore">Best monitored value (mean over folds for k-fold), or null.</param>
/// <param name="BestEpoch">Epoch of the best value (first fold for k-fold).</param>
/// <param name="EpochsRun">Epochs trained (summed over folds for k-fold).</param>
/// <param name="StoppedEarly">Whether early stopping ended training (any fold).</param>
/// <param name="Resumed">Whether the run continued from a checkpoint.</param>
/// <param name="Evaluation">Test (or validation) evaluation written to metrics.json, or null when no split was available.</param>
/// <param name="MetricsPath">Path of metrics.json, or null.</param>
public sealed record TrainResult(string RunDir, string Monitor, double? BestScore, int BestEpoch, int EpochsRun,
    bool StoppedEarly, bool Resumed, EvaluationResult? Evaluation, string? MetricsPath);
