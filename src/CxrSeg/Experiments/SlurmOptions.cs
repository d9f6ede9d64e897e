namespace CxrSeg.Experiments;

/// <summary>Options of the sbatch array script: one array task per shard, each on one GPU.</summary>
public sealed record SlurmOptions(
    string GridPath,
    int Shards,
    string Workspace,
    string CxrsegPath,
    string JobName = "cxrseg-grid",
    string Time = "24:00:00",
    int CpusPerTask = 8,
    string Memory = "32G",
    string Gpus = "1",
    string? Partition = null,
    string? LogDir = null)
{
    /// <summary>Throws a <see cref="UserFacingException"/> naming the bad field.</summary>
    public void Validate()
    {
        if (Shards < 1) throw new UserFacingException($"--shards must be ≥ 1 (got {Shards})");
        if (CpusPerTask < 1) throw new UserFacingException($"--cpus must be ≥ 1 (got {CpusPerTask})");
        if (string.IsNullOrWhiteSpace(GridPath)) throw new UserFacingException("grid path is empty");
        if (string.IsNullOrWhiteSpace(Workspace)) throw new UserFacingException("--workspace is empty");
    }

    /// <summary>Where the array tasks' logs go (default: WORKSPACE/slurm-logs); Slurm needs it to exist before the job starts.</summary>
    public string Logs => LogDir ?? System.IO.Path.Combine(Workspace, "slurm-logs");
}
