using CxrSeg.Data.Transforms;
using CxrSeg.Stages;

namespace CxrSeg.Training;

/// <summary>How to evaluate: task, threshold, normalisation (must match training), batch size, input channels, device, losses.</summary>
public sealed record EvaluationSettings
{
    /// <summary>Task (decides targets, loss and metrics).</summary>
    public TrainTask Task { get; init; } = TrainTask.Segment;
    /// <summary>Probability threshold for segmentation metrics.</summary>
    public double Threshold { get; init; } = 0.5;
    /// <summary>Normalisation used in training (from run.json).</summary>
    public Normalisation Normalisation { get; init; } = new();
    /// <summary>Images per forward pass.</summary>
    public int BatchSize { get; init; } = 8;
    /// <summary>Model input channels (grey replicated).</summary>
    public int InChannels { get; init; } = 1;
    /// <summary>"cpu" or "cuda".</summary>
    public string Device { get; init; } = "cpu";
    /// <summary>Segmentation loss (for the reported validation loss).</summary>
    public SegmentationLoss SegmentationLoss { get; init; } = SegmentationLoss.BceDice;
    /// <summary>Reconstruction loss.</summary>
    public ReconstructionLoss ReconstructionLoss { get; init; } = ReconstructionLoss.Mse;
    /// <summary>Per-class thresholds (one per class, e.g. tuned on validation) replacing <see cref="Threshold"/> in the segmentation metrics; null: <see cref="Threshold"/> for all.</summary>
    public IReadOnlyList<double>? ClassThresholds { get; init; }
    /// <summary>Sliding-window side for segmentation (0: one pass over the whole image).</summary>
    public int Window { get; init; }

    /// <summary>The settings a training run with these options evaluates with.</summary>
    public static EvaluationSettings From(TrainOptions o, int inChannels) => new()
    {
        Task = o.Task, Threshold = o.Threshold, Normalisation = o.Normalisation, BatchSize = o.EffectiveEvalBatchSize,
        InChannels = inChannels, Device = o.Device, SegmentationLoss = o.SegmentationLoss, ReconstructionLoss = o.ReconstructionLoss,
        Window = o.Window,
    };

    internal TrainOptions AsLossOptions() => new()
    {
        Task = Task, SegmentationLoss = SegmentationLoss, ReconstructionLoss = ReconstructionLoss,
    };
}
