using System.ComponentModel;
using CxrSeg.Data.CheXpert;
using CxrSeg.Data.Prepare;
using CxrSeg.Data.Siim;
using CxrSeg.Data.Splits;
using Spectre.Console;
using Spectre.Console.Cli;

namespace CxrSeg.Cli.Commands;

/// <summary><c>cxrseg prepare &lt;dataset&gt;</c>: decodes a dataset into the fast cache under WORKSPACE/prepared/.</summary>
public sealed class PrepareCommand : Command<PrepareCommand.Settings>
{
    /// <summary>Options of <c>prepare</c>.</summary>
    public sealed class Settings : CliSettings
    {
        /// <summary>Dataset kind.</summary>
        [CommandArgument(0, "<dataset>"), Description("ccxs, chexpert, siim, nih14, chestxdet (NIH folder: ChestX-Det polygons + NIH boxes), ieee8023, jsrt, or masks (your own images/ + masks/<class>/ folders; docs/DATA.md).")]
        public string Dataset { get; init; } = "";

        /// <summary>Source folder.</summary>
        [CommandOption("--source <DIR>"), Description("Dataset folder in its original layout (required).")]
        public string Source { get; init; } = "";

        /// <summary>Workspace.</summary>
        [CommandOption("--out <WORKSPACE>"), Description("Workspace; the cache goes to WORKSPACE/prepared/<dataset>/<prep-id>/ (default: workspace)."), DefaultValue("workspace")]
        public string Out { get; init; } = "workspace";

        /// <summary>Square size.</summary>
        [CommandOption("--size <PIXELS>"), Description("Side of the square images (aspect kept by padding) (default: 256)."), DefaultValue(256)]
        public int Size { get; init; } = 256;

        /// <summary>Split seed.</summary>
        [CommandOption("--seed <N>"), Description("Seed of the splits (default: 42)."), DefaultValue(42)]
        public int Seed { get; init; } = 42;

        /// <summary>CheXpert uncertainty policy.</summary>
        [CommandOption("--uncertainty <POLICY>"), Description("CheXpert uncertain labels: paper (U-Ones for Atelectasis, Edema, Pleural Effusion; U-Zeros else), ones or zeros (default: paper)."), DefaultValue(UncertaintyPolicy.Paper)]
        public UncertaintyPolicy Uncertainty { get; init; } = UncertaintyPolicy.Paper;

        /// <summary>CheXpert views.</summary>
        [CommandOption("--views <VIEWS>"), Description("CheXpert views kept: frontal or all (default: frontal)."), DefaultValue(CheXpertViewFilter.Frontal)]
        public CheXpertViewFilter Views { get; init; } = CheXpertViewFilter.Frontal;

        /// <summary>SIIM mask mode.</summary>
        [CommandOption("--siim-masks <MODE>"), Description("SIIM box masks: studyclass (4 channels, the paper) or opacity (1 channel) (default: studyclass)."), DefaultValue(SiimMaskMode.StudyClass)]
        public SiimMaskMode SiimMasks { get; init; } = SiimMaskMode.StudyClass;

        /// <summary>CCXS split variant.</summary>
        [CommandOption("--ccxs-split <VARIANT>"), Description("CCXS test set: paper (images, patients ignored) or patientdisjoint (default: paper)."), DefaultValue(CcxsSplitVariant.Paper)]
        public CcxsSplitVariant CcxsSplit { get; init; } = CcxsSplitVariant.Paper;

        /// <summary>Item limit.</summary>
        [CommandOption("--limit <N>"), Description("Use only the first N items, 0 = all (default: 0)."), DefaultValue(0)]
        public int Limit { get; init; }

        /// <summary>Workers.</summary>
        [CommandOption("--workers <N>"), Description("Parallel workers, 0 = every core (default: 0)."), DefaultValue(0)]
        public int Workers { get; init; }

        /// <summary>Contact sheet.</summary>
        [CommandOption("--preview <PNG>"), Description("Also write a contact sheet (a new .png file; an existing file is never replaced) of prepared images with their masks or labels, to check the preparation by eye (default: none).")]
        public string? Preview { get; init; }

        /// <summary>No progress bar.</summary>
        [CommandOption("--quiet"), Description("No progress bar, only the summary (default: off).")]
        public bool Quiet { get; init; }
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings s)
    {
        if (s.Preview is not null) CxrSeg.Predict.PreparedPreview.CheckTarget(s.Preview);
        var options = new PrepareOptions
        {
            Dataset = s.Dataset.ToLowerInvariant(), Source = s.Source, Workspace = s.Out, Size = s.Size, Seed = s.Seed,
            Uncertainty = s.Uncertainty, Views = s.Views, SiimMasks = s.SiimMasks, CcxsSplit = s.CcxsSplit, Limit = s.Limit,
            Workers = s.Workers > 0 ? s.Workers : Environment.ProcessorCount,
        };
        PrepareResult result;
        if (s.Quiet) result = PrepareJob.Run(options);
        else
        {
            result = null!;
            AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .Start(ctx =>
                {
                    var task = ctx.AddTask($"prepare {options.Dataset}");
                    result = PrepareJob.Run(options, p =>
                    {
                        task.MaxValue = p.Total;
                        task.Value = p.Done;
                        task.Description = $"prepare {options.Dataset} ({p.Done}/{p.Total}, {p.Rejected} rejected{(p.Resumed > 0 ? $", {p.Resumed} resumed" : "")})";
                    });
                    task.Value = task.MaxValue;
                });
        }
        AnsiConsole.MarkupLine($"{(result.Reused ? "[yellow]reused[/]" : "[green]prepared[/]")} {Markup.Escape(result.Directory)}");
        AnsiConsole.MarkupLine($"images {result.Images}, rejected {result.Rejected}{(result.Resumed > 0 ? $", resumed {result.Resumed}" : "")}; splits train {result.Train} / validation {result.Validation} / test {result.Test}, partitions {result.Partitions}; {result.Elapsed.TotalSeconds:0.0} s");
        foreach (var (k, v) in result.SplitFacts)
            AnsiConsole.MarkupLine($"  {Markup.Escape(k)}: {Markup.Escape(System.Text.RegularExpressions.Regex.Replace(v.ToString() ?? "", @"\s+", " "))}");
        foreach (var w in result.Warnings) AnsiConsole.MarkupLine($"[yellow]warning:[/] {Markup.Escape(w)}");
        foreach (var (id, reason) in result.Rejects) AnsiConsole.MarkupLine($"[red]rejected:[/] {Markup.Escape(id)}: {Markup.Escape(reason)}");
        if (s.Preview is not null)
        {
            using var set = CxrSeg.Data.Cache.PreparedSet.Open(result.Directory);
            CxrSeg.Predict.PreparedPreview.Write(set, s.Preview);
            AnsiConsole.MarkupLine($"preview {Markup.Escape(Path.GetFullPath(s.Preview))}");
        }
        return result.Rejected > 0 ? ExitCodes.Partial : ExitCodes.Success;
    }
}
