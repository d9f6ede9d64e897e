namespace CxrSeg.Stages;

/// <summary>When a training stage writes its resumable checkpoint (<c>checkpoint_last</c>: weights and optimiser state).</summary>
public enum CheckpointEvery
{
    /// <summary>After every rotating run and at the end of every epoch: a stop loses at most one run (the default).</summary>
    Run,
    /// <summary>At the end of every epoch only: a stop mid-epoch resumes from the epoch's start. Saves the rotating protocol's per-run writes.</summary>
    Epoch,
}
