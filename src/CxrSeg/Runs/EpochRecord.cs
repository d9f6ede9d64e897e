
namespace CxrSeg.Runs;

/// <summary>One row of history.csv.</summary>
public sealed record EpochRecord
{
    /// <summary>Fold (k-fold) or 0.</summary>
    public int Fold { get; init; }
    /// <summary>Epoch, from 1.</summary>
    public int Epoch { get; init; }
    /// <summary>Mean training loss of the epoch.</summary>
    public double TrainLoss { get; init; }
    /// <summary>Mean validation loss.</summary>
    public double ValLoss { get; init; }
    /// <summary>Validation mIoU (segment), or empty.</summary>
    public double? ValMIoU { get; init; }
    /// <summary>Validation mDice (segment), or empty.</summary>
    public double? ValMDice { get; init; }
    /// <summary>Validation mean AUROC (classify), or empty.</summary>
    public double? ValMeanAuroc { get; init; }
    /// <summary>Learning rate during the epoch.</summary>
    public double LearningRate { get; init; }
    /// <summary>Whether the monitored metric improved (best checkpoint written).</summary>
    public bool Improved { get; init; }
    /// <summary>Optimiser steps so far.</summary>
    public long Steps { get; init; }
    /// <summary>Wall seconds of the epoch (not reproducible; everything else is).</summary>
    public double Seconds { get; init; }

    /// <summary>The value of a monitored metric name.</summary>
    public double? Value(string monitor) => monitor switch
    {
        "mIoU" => ValMIoU,
        "mDice" => ValMDice,
        "meanAuroc" => ValMeanAuroc,
        "val_loss" => ValLoss,
        _ => null,
    };
}
