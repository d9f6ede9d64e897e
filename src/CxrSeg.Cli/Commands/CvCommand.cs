using System.ComponentModel;
using CxrSeg.Cli.Output;
using CxrSeg.Reports;
using Spectre.Console;
using Spectre.Console.Cli;

namespace CxrSeg.Cli.Commands;

/// <summary><c>cxrseg cv GRID|RUNS</c>: the cross-validation comparison of a grid's settings (k-fold runs' out-of-fold IoU, per class).</summary>
public sealed class CvCommand : Command<CvCommand.Settings>
{
    /// <summary>Options of <c>cv</c>.</summary>
    public sealed class Settings : CliSettings
    {
        /// <summary>Input.</summary>
        [CommandArgument(0, "<GRID|RUNS>"), Description("A grid file (its runs in --workspace), a workspace, a runs folder or one run folder.")]
        public string Input { get; init; } = "";

        /// <summary>Workspace.</summary>
        [CommandOption("--workspace <DIR>"), Description("Workspace of a grid's runs (default: workspace)."), DefaultValue("workspace")]
        public string Workspace { get; init; } = "workspace";

        /// <summary>Output folder.</summary>
        [CommandOption("--out <DIR>"), Description("Also write cv.md and cv.csv into this folder (default: print only).")]
        public string? Out { get; init; }
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings s)
    {
        var r = CvReport.Run(s.Input, s.Workspace, s.Out);
        var t = r.Table;
        var table = CliTable.New().AddColumn("setting").AddColumn("runs").AddColumn("CV mIoU %").AddColumn("folds");
        foreach (var c in t.ClassNames) table.AddColumn(Markup.Escape(c));
        table.AddColumn("test mIoU %");
        foreach (var row in t.Rows)
            table.AddRow([Markup.Escape(row.Name), row.Runs.ToString(System.Globalization.CultureInfo.InvariantCulture), CvTable.Pct(row.MeanIou),
                $"{CvTable.Pct(row.FoldMin)}–{CvTable.Pct(row.FoldMax)}", .. row.ClassIou.Select(CvTable.Pct), CvTable.Pct(row.TestMeanIou)]);
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine("CV: out-of-fold IoU %, each fold's model on its own validation fold, pooled, mean over repeats; choose on CV, not on test");
        foreach (var n in r.Notes) AnsiConsole.MarkupLine($"[yellow]note:[/] {Markup.Escape(n)}");
        if (r.Files.Count > 0) AnsiConsole.MarkupLine($"wrote {Markup.Escape(string.Join(", ", r.Files))}");
        return 0;
    }
}
