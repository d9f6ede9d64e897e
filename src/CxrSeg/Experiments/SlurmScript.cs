using System.Text;

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

/// <summary>Writes a Slurm sbatch array script running <c>cxrseg grid run GRID --shard $SLURM_ARRAY_TASK_ID/N --device cuda</c>.</summary>
public static class SlurmScript
{
    /// <summary>The script text.</summary>
    public static string Render(SlurmOptions o)
    {
        o.Validate();
        static string Q(string s) => "'" + s.Replace("'", "'\\''") + "'";
        var sb = new StringBuilder();
        sb.Append("#!/bin/bash\n");
        sb.Append($"#SBATCH --job-name={o.JobName}\n");
        sb.Append($"#SBATCH --array=1-{o.Shards}\n");
        sb.Append($"#SBATCH --gres=gpu:{o.Gpus}\n");
        sb.Append($"#SBATCH --cpus-per-task={o.CpusPerTask}\n");
        sb.Append($"#SBATCH --mem={o.Memory}\n");
        sb.Append($"#SBATCH --time={o.Time}\n");
        if (!string.IsNullOrWhiteSpace(o.Partition)) sb.Append($"#SBATCH --partition={o.Partition}\n");
        sb.Append($"#SBATCH --output={o.Logs}/%x-%A_%a.out\n");
        sb.Append("#SBATCH --requeue\n");
        sb.Append("# One array task per shard; every task reads the same grid and workspace (a shared file system).\n");
        sb.Append("# Finished runs are skipped and locks of dead tasks are reclaimed, so a requeued or resubmitted array resumes.\n");
        sb.Append("set -euo pipefail\n");
                sb.Append($"exec {Q(o.CxrsegPath)} grid run {Q(o.GridPath)} --shard \"${{SLURM_ARRAY_TASK_ID}}/{o.Shards}\" --workspace {Q(o.Workspace)} --device cuda --quiet\n");
        return sb.ToString();
    }
}
