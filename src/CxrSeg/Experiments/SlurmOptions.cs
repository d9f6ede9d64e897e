namespace CxrSeg.Experiments;

/// <summary>
/// Options of the sbatch array script: one array task per shard, each with <see cref="Gpus"/> GPUs (0: a CPU-only task
/// running with <c>--device cpu</c>).
/// </summary>
public sealed record SlurmOptions(
    string GridPath,
    int Shards,
    string Workspace,
    string CxrsegPath,
    string JobName = "cxrseg-grid",
    string Time = "24:00:00",
    int CpusPerTask = 8,
    string Memory = "32G",
    int Gpus = 1,
    string? Partition = null,
    string? LogDir = null)
{
    /// <summary>Throws a <see cref="UserFacingException"/> naming the bad field.</summary>
    public void Validate()
    {
        if (Shards < 1) throw new UserFacingException($"--shards must be ≥ 1 (got {Shards})");
        if (CpusPerTask < 1) throw new UserFacingException($"--cpus must be ≥ 1 (got {CpusPerTask})");
        if (Gpus < 0) throw new UserFacingException($"--gpus must be ≥ 0 (got {Gpus})");
        if (string.IsNullOrWhiteSpace(JobName) || JobName.Any(c => char.IsWhiteSpace(c) || c is '\'' or '"' or '/' or '%'))
            throw new UserFacingException($"--job-name must be one word without quotes, '/' or '%' (got '{JobName}')");
        if (string.IsNullOrWhiteSpace(GridPath)) throw new UserFacingException("grid path is empty");
        if (string.IsNullOrWhiteSpace(Workspace)) throw new UserFacingException("--workspace is empty");
        if (Workspace.Any(char.IsWhiteSpace) || Logs.Any(char.IsWhiteSpace))
            throw new UserFacingException($"--workspace: #SBATCH lines cannot hold a path with spaces ('{Workspace}'); choose a folder without them");
    }

    /// <summary>The device the tasks train on: cuda with GPUs, cpu without.</summary>
    public string Device => Gpus > 0 ? "cuda" : "cpu";

    /// <summary>Where the array tasks' logs go (default: WORKSPACE/slurm-logs); Slurm needs it to exist before the job starts.</summary>
    public string Logs => LogDir ?? System.IO.Path.Combine(Workspace, "slurm-logs");
}
