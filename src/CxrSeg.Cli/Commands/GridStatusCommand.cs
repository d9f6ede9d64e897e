using System.ComponentModel;
using CxrSeg.Cli.Output;
using CxrSeg.Experiments;
using Spectre.Console;
using Spectre.Console.Cli;

namespace CxrSeg.Cli.Commands;

/// <summary><c>cxrseg grid status GRID</c>: done / running / failed / pending per plan, with the failure reason.</summary>
public sealed class GridStatusCommand : Command<GridStatusCommand.Settings>
{
    /// <summary>Options of <c>grid status</c>.</summary>
    public sealed class Settings : JsonCliSettings
    {
        /// <summary>Grid file.</summary>
        [CommandArgument(0, "<GRID>"), Description("Grid file (YAML).")]
        public string Grid { get; init; } = "";

        /// <summary>Workspace.</summary>
        [CommandOption("--workspace <DIR>"), Description("Workspace of the grid (default: workspace)."), DefaultValue("workspace")]
        public string Workspace { get; init; } = "workspace";

        /// <summary>Shard count shown.</summary>
        [CommandOption("--shards <N>"), Description("Show which of N shards each plan belongs to (default: 1)."), DefaultValue(1)]
        public int Shards { get; init; } = 1;

        /// <summary>Show every plan.</summary>
        [CommandOption("--all"), Description("List every plan, done ones included (default: only plans not done).")]
        public bool All { get; init; }
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings s)
    {
        var list = ExperimentApi.GridStatusFile(s.Grid, s.Workspace, Math.Max(1, s.Shards));
        if (s.Json)
        {
            CliJson.Write(new
            {
                counts = Enum.GetValues<RunState>().ToDictionary(st => st.ToString().ToLowerInvariant(), st => list.Count(p => p.State == st)),
                plans = list.Where(p => s.All || p.State != RunState.Done)
                    .Select(p => new { run = p.RunName, shard = p.Shard, state = p.State.ToString().ToLowerInvariant(), detail = p.Detail }),
                leftOut = ExperimentApi.SkippedFile(s.Grid).Select(x => new { reason = x.Item1, combinations = x.Item2 }),
            });
            return ExitCodes.Success;
        }
        var table = CliTable.New().AddColumn("run").AddColumn("shard").AddColumn("state").AddColumn("detail");
        foreach (var p in list.Where(p => s.All || p.State != RunState.Done))
        {
            var color = p.State switch { RunState.Done => "green", RunState.Running => "blue", RunState.Failed => "red", _ => "grey" };
            table.AddRow(Markup.Escape(p.RunName), p.Shard.ToString(), $"[{color}]{p.State.ToString().ToLowerInvariant()}[/]", Markup.Escape(p.Detail ?? ""));
        }
        if (table.Rows.Count > 0) AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"{list.Count} plan(s): [green]done {list.Count(p => p.State == RunState.Done)}[/], " +
                               $"[blue]running {list.Count(p => p.State == RunState.Running)}[/], " +
                               $"[red]failed {list.Count(p => p.State == RunState.Failed)}[/], pending {list.Count(p => p.State == RunState.Pending)}");
        foreach (var (reason, n) in ExperimentApi.SkippedFile(s.Grid))
            AnsiConsole.MarkupLine($"[grey]left out of the grid: {n} combination(s): {Markup.Escape(reason)}[/]");
        return 0;
    }
}
