
namespace CxrSeg.Runs;

/// <summary>
/// Everything besides weights and optimiser moments that a resumed run needs to continue exactly: position
/// (epoch, run within the epoch, step), schedule and early-stopping counters, history, and the partial
/// epoch's sums. Saved as state.json in each checkpoint folder.
/// </summary>
public sealed class TrainingState
{
    /// <summary>Format version.</summary>
    public int Version { get; set; } = 1;
    /// <summary>Fold (k-fold) or 0.</summary>
    public int Fold { get; set; }
    /// <summary>Epochs completed.</summary>
    public int Epoch { get; set; }
    /// <summary>Runs (units) completed within the current epoch.</summary>
    public int Unit { get; set; }
    /// <summary>Optimiser steps taken.</summary>
    public long Step { get; set; }
    /// <summary>Current learning rate.</summary>
    public double LearningRate { get; set; }
    /// <summary>Best monitored value so far, or null.</summary>
    public double? Best { get; set; }
    /// <summary>Epoch (from 1) of <see cref="Best"/>; 0 when none.</summary>
    public int BestEpoch { get; set; }
    /// <summary>Epochs since the last improvement.</summary>
    public int BadEpochs { get; set; }
    /// <summary>Epochs since the plateau schedule last saw an improvement or reduced.</summary>
    public int PlateauBadEpochs { get; set; }
    /// <summary>Training is over (stopped early or reached the maximum).</summary>
    public bool Finished { get; set; }
    /// <summary>Training ended by early stopping.</summary>
    public bool StoppedEarly { get; set; }
    /// <summary>One row per completed epoch.</summary>
    public List<EpochRecord> History { get; set; } = [];
    /// <summary>Partial epoch: summed training loss × images.</summary>
    public double TrainLossSum { get; set; }
    /// <summary>Partial epoch: training images seen.</summary>
    public long TrainLossCount { get; set; }
    /// <summary>Partial epoch: summed validation loss × images.</summary>
    public double ValLossSum { get; set; }
    /// <summary>Partial epoch: validation images seen.</summary>
    public long ValLossCount { get; set; }
    /// <summary>Partial epoch: segmentation accumulator sums.</summary>
    public long[]? SegmentationSums { get; set; }
    /// <summary>Partial epoch: classification scores per label.</summary>
    public float[][]? AurocScores { get; set; }
    /// <summary>Partial epoch: classification labels per label.</summary>
    public float[][]? AurocLabels { get; set; }
    /// <summary>Partial epoch: classification images.</summary>
    public int AurocImages { get; set; }
    /// <summary>Partial epoch: wall seconds so far.</summary>
    public double EpochSeconds { get; set; }
}
