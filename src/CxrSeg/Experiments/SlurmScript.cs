using System.Text;

namespace CxrSeg.Experiments;

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
