using System.ComponentModel;
using CxrSeg.Platform;
using CxrSeg.Runs;
using Spectre.Console.Cli;
using Spectre.Console;

namespace CxrSeg.Cli.Commands;

/// <summary><c>cxrseg export RUN_DIR</c>: writes a run's trained network with smp key names as .pth or .safetensors.</summary>
public sealed class ExportCommand : Command<ExportCommand.Settings>
{
    /// <summary>Options of <c>export</c>.</summary>
    public sealed class Settings : CliSettings
    {
        /// <summary>Run folder.</summary>
        [CommandArgument(0, "<RUN_DIR>"), Description("Run folder (cxrseg train --out, or a workspace stage folder); its checkpoint_best is exported.")]
        public string RunDir { get; init; } = "";
        /// <summary>Format.</summary>
        [CommandOption("--format <FORMAT>"), Description("pth (PyTorch pickle) | safetensors (default: pth)."), DefaultValue("pth")]
        public string Format { get; init; } = "pth";
        /// <summary>Output file.</summary>
        [CommandOption("--out <FILE>"), Description("Output file; FILE.json describing the network is written next to it. Required.")]
        public string Out { get; init; } = "";
        /// <summary>smp release whose key names are written.</summary>
        [CommandOption("--smp-version <VERSION>"), Description("segmentation_models_pytorch release the keys are spelled for: 0.3, 0.4 or 0.5 (DeepLabV3's decoder keys differ from 0.5 on; default: 0.5, the current one). Recorded in FILE.json.")]
        public string SmpVersion { get; init; } = CxrSeg.Models.Weights.SmpVersion.Current.ToString();
        /// <summary>Overwrite.</summary>
        [CommandOption("--force"), Description("Replace existing output files (default: refuse).")]
        public bool Force { get; init; }

        /// <inheritdoc />
        public override ValidationResult Validate() =>
            string.IsNullOrWhiteSpace(Out) ? ValidationResult.Error("--out is required") : ValidationResult.Success();
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings s)
    {
        TorchRuntime.Initialize();
        var r = RunExport.Export(s.RunDir, s.Format, s.Out, s.Force, CxrSeg.Models.Weights.SmpVersion.Parse(s.SmpVersion));
        AnsiConsole.MarkupLine($"exported {r.Tensors} tensors (smp {Markup.Escape(s.SmpVersion)} key names) of {Markup.Escape(r.Spec.Architecture)}-{Markup.Escape(r.Spec.Encoder)} ({r.Spec.InChannels} in, {r.Spec.Classes} out) from {Markup.Escape(r.CheckpointDir)}");
        AnsiConsole.MarkupLine($"weights: {Markup.Escape(r.WeightsPath)}");
        AnsiConsole.MarkupLine($"description: {Markup.Escape(r.SidecarPath)}");
        return 0;
    }
}
