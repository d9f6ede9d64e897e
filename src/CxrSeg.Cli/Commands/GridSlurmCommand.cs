using System.ComponentModel;
using CxrSeg.Experiments;
using Spectre.Console;
using Spectre.Console.Cli;

namespace CxrSeg.Cli.Commands;

/// <summary><c>cxrseg grid slurm GRID --shards N</c>: writes an sbatch array script, one shard per array task (on a GPU node unless --gpus 0).</summary>
public sealed class GridSlurmCommand : Command<GridSlurmCommand.Settings>
{
    /// <summary>Options of <c>grid slurm</c>.</summary>
    public sealed class Settings : CliSettings
    {
        /// <summary>Grid file.</summary>
        [CommandArgument(0, "<GRID>"), Description("Grid file (YAML).")]
        public string Grid { get; init; } = "";

        /// <summary>Shards.</summary>
        [CommandOption("--shards <N>"), Description("Number of array tasks, one shard each (default: 4)."), DefaultValue(4)]
        public int Shards { get; init; } = 4;

        /// <summary>Output script.</summary>
        [CommandOption("--out <FILE>"), Description("Script to write (default: <grid name>.sbatch in the current folder).")]
        public string? Out { get; init; }

        /// <summary>Workspace.</summary>
        [CommandOption("--workspace <DIR>"), Description("Workspace on the shared file system (default: workspace, made absolute)."), DefaultValue("workspace")]
        public string Workspace { get; init; } = "workspace";

        /// <summary>Time limit.</summary>
        [CommandOption("--time <LIMIT>"), Description("Time limit per array task, HH:MM:SS (default: 24:00:00)."), DefaultValue("24:00:00")]
        public string Time { get; init; } = "24:00:00";

        /// <summary>Partition.</summary>
        [CommandOption("--partition <NAME>"), Description("Slurm partition (default: the cluster's default).")]
        public string? Partition { get; init; }

        /// <summary>CPUs.</summary>
        [CommandOption("--cpus <N>"), Description("CPUs per task, for data loading (default: 8)."), DefaultValue(8)]
        public int Cpus { get; init; } = 8;

        /// <summary>Memory.</summary>
        [CommandOption("--mem <SIZE>"), Description("Memory per task (default: 32G)."), DefaultValue("32G")]
        public string Mem { get; init; } = "32G";

        /// <summary>GPUs.</summary>
        [CommandOption("--gpus <N>"), Description("GPUs per task (--gres=gpu:N, --device cuda); 0 for CPU-only tasks (no --gres, --device cpu) (default: 1)."), DefaultValue(1)]
        public int Gpus { get; init; } = 1;

        /// <summary>Job name.</summary>
        [CommandOption("--job-name <NAME>"), Description("Slurm job name, also the log file prefix (default: cxrseg-grid)."), DefaultValue("cxrseg-grid")]
        public string JobName { get; init; } = "cxrseg-grid";

        /// <summary>Overwrite.</summary>
        [CommandOption("--force"), Description("Replace an existing script (default: refuse).")]
        public bool Force { get; init; }
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings s)
    {
        var root = Environment.GetEnvironmentVariable("CXRSEG_ROOT");
        var exe = root is null ? Path.GetFullPath("cxrseg") : Path.Combine(root, "cxrseg");
        var outPath = s.Out ?? Path.GetFileNameWithoutExtension(s.Grid) + ".sbatch";
        var opts = new SlurmOptions(Path.GetFullPath(s.Grid), s.Shards, Path.GetFullPath(s.Workspace), exe,
            JobName: s.JobName, Time: s.Time, CpusPerTask: s.Cpus, Memory: s.Mem, Gpus: s.Gpus, Partition: s.Partition);
        var plans = ExperimentApi.WriteSlurm(opts, outPath, s.Force);
        AnsiConsole.MarkupLine($"wrote {Markup.Escape(outPath)}: {plans} plan(s) in {s.Shards} array task(s) on {opts.Device}{(plans < s.Shards ? $" ({s.Shards - plans} task(s) will find nothing to do)" : "")}; logs in {Markup.Escape(opts.Logs)}; submit with [bold]sbatch {Markup.Escape(outPath)}[/]");
        return 0;
    }
}
