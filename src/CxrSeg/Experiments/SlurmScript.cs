using System.Text;

namespace CxrSeg.Experiments;

/// <summary>
/// Writes a Slurm sbatch array script: array task i runs <c>cxrseg grid run GRID --shard i/N --workspace WS --device D</c>
/// in the workspace, one shard per task.
/// </summary>
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
        if (o.Gpus > 0) sb.Append($"#SBATCH --gres=gpu:{o.Gpus}\n");
        sb.Append($"#SBATCH --cpus-per-task={o.CpusPerTask}\n");
        sb.Append($"#SBATCH --mem={o.Memory}\n");
        sb.Append($"#SBATCH --time={o.Time}\n");
        if (!string.IsNullOrWhiteSpace(o.Partition)) sb.Append($"#SBATCH --partition={o.Partition}\n");
        // The workspace is on the shared file system; the folder sbatch was called from may not exist on the node.
        sb.Append($"#SBATCH --chdir={o.Workspace}\n");
        sb.Append($"#SBATCH --output={o.Logs}/%x-%A_%a.out\n");
        // A requeued task appends to its log instead of truncating what the earlier attempt wrote.
        sb.Append("#SBATCH --open-mode=append\n");
        sb.Append("#SBATCH --requeue\n");
        sb.Append("# One array task per shard; every task reads the same grid and workspace (a shared file system).\n");
        sb.Append("# Finished runs are skipped and locks of dead tasks are reclaimed, so a requeued or resubmitted array resumes.\n");
        sb.Append("# scancel / preemption (SIGTERM) stops the current stage and releases its locks; a failed plan exits 1.\n");
        sb.Append("set -euo pipefail\n");
        sb.Append("# Torch uses the CPUs Slurm gave the task, not every core of the node.\n");
        sb.Append("export OMP_NUM_THREADS=\"${SLURM_CPUS_PER_TASK:-1}\"\n");
        sb.Append("echo \"cxrseg: array task ${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID} (restart ${SLURM_RESTART_COUNT:-0}) on $(hostname) at $(date -u +%FT%TZ)\"\n");
        sb.Append($"exec {Q(o.CxrsegPath)} grid run {Q(o.GridPath)} --shard \"${{SLURM_ARRAY_TASK_ID}}/{o.Shards}\" --workspace {Q(o.Workspace)} --device {o.Device}\n");
        return sb.ToString();
    }
}
