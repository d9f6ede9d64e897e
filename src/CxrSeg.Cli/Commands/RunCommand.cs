using System.ComponentModel;
using CxrSeg.Experiments;
using Spectre.Console;
using Spectre.Console.Cli;

namespace CxrSeg.Cli.Commands;

/// <summary><c>cxrseg run PLAN</c>: runs one stage plan end to end, reusing finished stages.</summary>
public sealed class RunCommand : Command<RunCommand.Settings>
{
    /// <summary>Options of <c>run</c>.</summary>
    public sealed class Settings : CliSettings
    {
        /// <summary>Plan file.</summary>
        [CommandArgument(0, "<PLAN>"), Description("Plan file (.yaml, .yml or .json).")]
        public string Plan { get; init; } = "";

        /// <summary>Workspace.</summary>
        [CommandOption("--workspace <DIR>"), Description("Workspace holding stages/, runs/, locks/ (default: workspace)."), DefaultValue("workspace")]
        public string Workspace { get; init; } = "workspace";

        /// <summary>Device.</summary>
        [CommandOption("--device <DEVICE>"), Description("cpu or cuda (default: cpu)."), DefaultValue("cpu")]
        public string Device { get; init; } = "cpu";

        /// <summary>Executor name.</summary>
        [CommandOption("--executor <NAME>", IsHidden = true), Description("Stage executor: torch, or synthetic for a dry run (default: torch)."), DefaultValue(StageExecutors.DefaultName)]
        public string Executor { get; init; } = StageExecutors.DefaultName;

        /// <summary>Quiet.</summary>
        [CommandOption("--quiet"), Description("Print only the result (default: print each stage).")]
        public bool Quiet { get; init; }
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings s)
    {
        CxrSeg.Platform.DeviceCheck.Require(s.Device);
        using var cts = CliCancel.OnCtrlCOrTerm();
        RunReport r;
        try
        {
            r = ExperimentApi.RunPlanFile(s.Plan, s.Workspace, s.Executor, s.Device,
                s.Quiet ? null : line => AnsiConsole.WriteLine(line), cts.Token);
        }
        catch (OperationCanceledException)
        {
            AnsiConsole.MarkupLine($"[yellow]{cts.Cause}:[/] finished stages are kept; run the same command again to resume.");
            return cts.ExitCode;
        }
        AnsiConsole.MarkupLine($"{Markup.Escape(r.RunName)}: [bold]{r.Outcome}[/] ({r.TrainedStages.Count} stage(s) trained)");
        if (r.Error is not null) AnsiConsole.MarkupLine($"[red]error:[/] {Markup.Escape(r.Error)}");
        return r.Outcome == RunOutcome.Failed ? ExitCodes.UserError : ExitCodes.Success;
    }
}
