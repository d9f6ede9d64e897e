using System.ComponentModel;
using System.Globalization;
using CxrSeg.Predict;
using Spectre.Console;
using Spectre.Console.Cli;

namespace CxrSeg.Cli.Commands;

/// <summary><c>cxrseg predict</c>: segments DICOM/PNG/JPEG chest X-rays with a trained run folder.</summary>
public sealed class PredictCommand : Command<PredictCommand.Settings>
{
    /// <summary>Options of <c>predict</c>.</summary>
    public sealed class Settings : CliSettings
    {
        /// <summary>Inputs.</summary>
        [CommandArgument(0, "<INPUT>"), Description("DICOM, PNG or JPEG files, or folders searched recursively.")]
        public string[] Inputs { get; init; } = [];
        /// <summary>Run folder.</summary>
        [CommandOption("--model <RUN>"), Description("Segmentation run: a train --out folder, a stage folder, a plan run folder WORKSPACE/runs/<run> (its final stage), or an exported .pth/.safetensors with its FILE.json. Required.")]
        public string Model { get; init; } = "";
        /// <summary>Output folder.</summary>
        [CommandOption("--out <DIR>"), Description("Output folder: <image>/mask_<class>.png, overlay.png, findings.json, and summary.csv. Required.")]
        public string Out { get; init; } = "";
        /// <summary>Threshold.</summary>
        [CommandOption("--threshold <X>"), Description("Probability threshold of every class's mask (default: the run's tuned per-class thresholds when it has thresholds.json, else 0.5).")]
        public double? Threshold { get; init; }
        /// <summary>Sliding window.</summary>
        [CommandOption("--window <N>"), Description("Segment by sliding windows of this side over the model's input square, overlap 0.5, Gaussian weights; a multiple of 32 (default: 0, one pass).")]
        public int Window { get; init; }
        /// <summary>TTA.</summary>
        [CommandOption("--tta"), Description("Average with the horizontally flipped prediction, lung channels swapped back (default: off).")]
        public bool Tta { get; init; }
        /// <summary>Class subset.</summary>
        [CommandOption("--classes <NAMES>"), Description("Comma-separated class names to keep (default: every class of the model)."), DefaultValue("")]
        public string Classes { get; init; } = "";
        /// <summary>Batch size.</summary>
        [CommandOption("--batch-size <N>"), Description("Images per forward pass (default: 4)."), DefaultValue(4)]
        public int BatchSize { get; init; } = 4;
        /// <summary>Device.</summary>
        [CommandOption("--device <D>"), Description("cpu | cuda | cuda:N (default: cpu)."), DefaultValue("cpu")]
        public string Device { get; init; } = "cpu";
        /// <summary>Overwrite.</summary>
        [CommandOption("--overwrite"), Description("Replace existing outputs (default: refuse when any output exists).")]
        public bool Overwrite { get; init; }
        /// <summary>Resume.</summary>
        [CommandOption("--skip-existing"), Description("Keep images whose outputs are complete and do the rest (resume; default: off).")]
        public bool SkipExisting { get; init; }
        /// <summary>No overlays.</summary>
        [CommandOption("--no-overlay"), Description("Do not write overlay.png (default: write it).")]
        public bool NoOverlay { get; init; }
        /// <summary>Quiet.</summary>
        [CommandOption("--quiet"), Description("No progress bar, only errors and the summary (default: off).")]
        public bool Quiet { get; init; }

        /// <summary>The library options.</summary>
        public PredictOptions ToOptions() => new PredictOptions
        {
            Threshold = Threshold ?? 0.5, RunThresholds = Threshold is null, Window = Window, Tta = Tta, BatchSize = BatchSize, Device = Device, Overwrite = Overwrite, SkipExisting = SkipExisting,
            Overlays = !NoOverlay,
            Classes = Classes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        }.Validate();

        /// <inheritdoc />
        public override ValidationResult Validate()
        {
            if (string.IsNullOrWhiteSpace(Model)) return ValidationResult.Error("--model is required");
            if (string.IsNullOrWhiteSpace(Out)) return ValidationResult.Error("--out is required");
            if (Inputs.Length == 0) return ValidationResult.Error("name at least one input file or folder");
            return ValidationResult.Success();
        }
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings settings)
    {
        CxrSeg.Platform.DeviceCheck.Require(settings.Device);
        var options = settings.ToOptions();
        using var cts = CliCancel.OnCtrlC();
        PredictJobResult result;
        if (settings.Quiet || !AnsiConsole.Profile.Capabilities.Interactive)
            result = PredictJob.Run(settings.Model, settings.Inputs, settings.Out, options, new LogObserver(settings.Quiet), cts.Token);
        else
            result = AnsiConsole.Progress().AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                .Start(ctx => PredictJob.Run(settings.Model, settings.Inputs, settings.Out, options, new BarObserver(ctx), cts.Token));
        var inv = CultureInfo.InvariantCulture;
        AnsiConsole.MarkupLine(Markup.Escape(string.Create(inv,
            $"{result.Written} written, {result.Failed} unreadable, {result.Skipped} skipped; {result.ClassNames.Count} classes; {result.Seconds:0.#} s")));
        AnsiConsole.MarkupLine($"summary: {Markup.Escape(result.SummaryPath)}");
        return result.Failed > 0 ? ExitCodes.Partial : ExitCodes.Success;
    }

    private static void ReportError(PredictRow row) =>
        Console.Error.WriteLine($"skipped {row.Input}: {row.Message}");

    private sealed class LogObserver(bool quiet) : IPredictObserver
    {
        public void OnStart(int total, TrainedModel model)
        {
            if (!quiet) Console.WriteLine($"{total} inputs; model {model.Spec.Architecture}-{model.Spec.Encoder} at {model.InputSize}² on {model.Device.type.ToString().ToLowerInvariant()}");
        }

        public void OnImage(PredictRow row)
        {
            if (row.Status == PredictRow.Error) ReportError(row);
            else if (!quiet) Console.WriteLine($"{row.Status} {row.Input}");
        }
    }

    private sealed class BarObserver(ProgressContext ctx) : IPredictObserver
    {
        private readonly ProgressTask _task = ctx.AddTask("predict", maxValue: 1);

        public void OnStart(int total, TrainedModel model)
        {
            _task.MaxValue = Math.Max(1, total);
            _task.Description = Markup.Escape($"predict ({model.Spec.Architecture}-{model.Spec.Encoder} {model.InputSize}²)");
        }

        public void OnImage(PredictRow row)
        {
            _task.Increment(1);
            if (row.Status == PredictRow.Error) ReportError(row);
        }
    }
}
