using System.ComponentModel;
using CxrSeg.Cli.Output;
using CxrSeg.Models;
using CxrSeg.Models.Diagnostics;
using CxrSeg.Platform;
using Spectre.Console;
using Spectre.Console.Cli;

namespace CxrSeg.Cli.Commands;

/// <summary><c>cxrseg doctor</c>: prints every dependency's version and the machine's speed; non-zero when a piece is missing.</summary>
public sealed class DoctorCommand : Command<DoctorCommand.Settings>
{
    /// <summary>Options of <c>doctor</c>.</summary>
    public sealed class Settings : JsonCliSettings
    {
        /// <summary>Workspace whose free disk is reported.</summary>
        [CommandOption("--workspace <DIR>"), Description("Workspace folder whose free disk is reported (default: ./workspace)."), DefaultValue("workspace")]
        public string Workspace { get; init; } = "workspace";

        /// <summary>Skip the matmul measurement.</summary>
        [CommandOption("--no-gemm"), Description("Skip the 2048² matmul measurement (default: measure).")]
        public bool NoGemm { get; init; }

        /// <summary>Skip the gradient check.</summary>
        [CommandOption("--no-grad-check"), Description("Skip the quick gradient check (default: check; a few seconds).")]
        public bool NoGradCheck { get; init; }

        /// <summary>The long gradient check.</summary>
        [CommandOption("--deep"), Description("The long gradient check: 2,000 backward passes of UNet-ResNet50 at 128² (minutes) instead of 30 at 64².")]
        public bool Deep { get; init; }

        /// <summary>Override of the number of passes.</summary>
        [CommandOption("--passes <N>"), Description("Backward passes of the gradient check (default: 30, or 2,000 with --deep).")]
        public int? Passes { get; init; }

        /// <summary>Output channels of the checked network's head.</summary>
        [CommandOption("--classes <N>", IsHidden = true), Description("Output channels of the checked UNet (default 13).")]
        public int Classes { get; init; } = 13;

        /// <summary>NaN poisoning of freed memory before each pass.</summary>
        [CommandOption("--poison <MIB>", IsHidden = true), Description("Fill and free this many MiB with NaN before each pass (default 0).")]
        public int Poison { get; init; }

        /// <inheritdoc />
        public override ValidationResult Validate() =>
            Passes is < 1 ? ValidationResult.Error("--passes must be at least 1") : base.Validate();
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings settings)
    {
        var items = DoctorReport.Collect(settings.Workspace, !settings.NoGemm).ToList();
        if (!settings.NoGradCheck && items.Any(i => i.Name == "TorchSharp" && i.Ok))
            items.Add(GradientCheckItem(settings));
        var missing = items.Where(i => !i.Ok).ToList();
        if (settings.Json)
        {
            CliJson.Write(new { ok = missing.Count == 0, items });
            return missing.Count == 0 ? ExitCodes.Success : ExitCodes.Environment;
        }
        var table = CliTable.New().AddColumn("item").AddColumn("value").AddColumn("ok");
        foreach (var i in items)
            table.AddRow(Markup.Escape(i.Name), Markup.Escape(i.Value), i.Ok ? "[green]yes[/]" : "[red]NO[/]");
        AnsiConsole.Write(table);
        if (missing.Count == 0) return ExitCodes.Success;
        AnsiConsole.MarkupLine($"[red]missing:[/] {Markup.Escape(string.Join("; ", missing.Select(m => m.Name + " — " + m.Value)))}");
        return ExitCodes.Environment;
    }

    private static DoctorItem GradientCheckItem(Settings settings)
    {
        var options = new GradientCheckOptions
        {
            Spec = new ModelSpec("unet", "resnet50", 1, settings.Classes),
            PoisonMiB = settings.Poison,
            Size = settings.Deep ? 128 : 64,
            Passes = settings.Passes ?? (settings.Deep ? 2000 : 30),
        };
        try
        {
            // A long check (--deep, --passes) reports its progress on stderr about every tenth of the way.
            var step = Math.Max(1, options.Passes / 10);
            Action<int, int>? progress = options.Passes < 200 ? null : (done, bad) =>
            {
                if (done % step == 0 || done == options.Passes) Console.Error.WriteLine($"gradient check: {done}/{options.Passes} passes, {bad} bad");
            };
            var r = GradientCheck.Run(options, progress);
            return new DoctorItem(settings.Deep ? "gradient check (deep)" : "gradient check", r.Summary, r.Sound);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new DoctorItem("gradient check", "FAILED: " + e.Message, false);
        }
    }
}
