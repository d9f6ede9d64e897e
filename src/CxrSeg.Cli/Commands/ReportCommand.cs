using CxrSeg.Cli.Output;
using System.ComponentModel;
using CxrSeg.Reports;
using Spectre.Console;
using Spectre.Console.Cli;

namespace CxrSeg.Cli.Commands;

/// <summary><c>cxrseg report GRID|RUNS --out DIR</c>: Table 3, per-class IoU, charts and overlays into report.md/report.html and results.csv/json.</summary>
public sealed class ReportCommand : Command<ReportCommand.Settings>
{
    /// <summary>Options of <c>report</c>.</summary>
    public sealed class Settings : CliSettings
    {
        /// <summary>Input.</summary>
        [CommandArgument(0, "<GRID|RUNS>"), Description("A grid file (its runs in --workspace), a workspace, a runs folder or one run folder.")]
        public string Input { get; init; } = "";

        /// <summary>Output folder.</summary>
        [CommandOption("--out <DIR>"), Description("Output folder (default: report)."), DefaultValue("report")]
        public string Out { get; init; } = "report";

        /// <summary>Workspace.</summary>
        [CommandOption("--workspace <DIR>"), Description("Workspace of a grid's runs (default: workspace)."), DefaultValue("workspace")]
        public string Workspace { get; init; } = "workspace";

        /// <summary>Overlay images.</summary>
        [CommandOption("--overlay <PNG>"), Description("A PNG of test predictions to embed; repeat for several (default: none).")]
        public string[] Overlays { get; init; } = [];

        /// <summary>Title.</summary>
        [CommandOption("--title <TEXT>"), Description("Report title (default: CxrSeg results)."), DefaultValue("CxrSeg results")]
        public string Title { get; init; } = "CxrSeg results";
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings s)
    {
        var r = ReportApi.Write(new ReportOptions(s.Input, s.Workspace, s.Out, s.Overlays, s.Title));
        var table = CliTable.New().AddColumn("backbone").AddColumn("pretext").AddColumn("strategy");
        foreach (var c in r.Table.Columns) table.AddColumn(Markup.Escape(c.ShortTitle));
        for (var i = 0; i < r.Table.Rows.Count; i++)
        {
            var row = r.Table.Rows[i];
            table.AddRow([Markup.Escape(row.Encoder), row.Group.ToString().ToLowerInvariant(), Markup.Escape(row.StrategyTitle),
                .. r.Table.Cells[i].Select(c => c is null ? "—" : Markup.Escape(FormattableString.Invariant($"{c.Mean:0.0}±{c.Spread:0.0}")))]);
        }
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine("cells: mean test mIoU % ± (best − worst) over repeats; repeats per cell and per-class IoU are in report.md");
        foreach (var n in r.Notes) AnsiConsole.MarkupLine($"[yellow]note:[/] {Markup.Escape(n)}");
        AnsiConsole.MarkupLine($"{r.Runs.Count} run(s); wrote {Markup.Escape(string.Join(", ", r.Files.Take(4)))} and {r.Files.Count - 4} chart/overlay file(s) to {Markup.Escape(s.Out)}");
        return 0;
    }
}
