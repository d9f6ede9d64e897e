using System.ComponentModel;
using CxrSeg.Cli.Output;
using CxrSeg.Data.CheXpert;
using CxrSeg.Data.Stats;
using Spectre.Console;
using Spectre.Console.Cli;

namespace CxrSeg.Cli.Commands;

/// <summary><c>cxrseg stats &lt;dataset&gt; --source DIR</c>: label/class/box counts of a dataset in its original layout.</summary>
public sealed class StatsCommand : Command<StatsCommand.Settings>
{
    /// <summary>Options of <c>stats</c>.</summary>
    public sealed class Settings : JsonCliSettings
    {
        /// <summary>Dataset kind.</summary>
        [CommandArgument(0, "<dataset>"), Description("ccxs, chexpert, siim, nih14, chestxdet (NIH folder: ChestX-Det polygons + NIH boxes), ieee8023, jsrt, masks (your own images/ + masks/<class>/ folders; docs/DATA.md), or prepared (a prepared mask cache, or a folder of caches whose latest is used: how visible each class is at its size, median area and contrast).")]
        public string Dataset { get; init; } = "";

        /// <summary>Source folder.</summary>
        [CommandOption("--source <DIR>"), Description("Dataset folder in its original layout, or the prepared cache folder for prepared (required).")]
        public string Source { get; init; } = "";

        /// <summary>CheXpert views.</summary>
        [CommandOption("--views <VIEWS>"), Description("CheXpert views counted: frontal or all (default: frontal)."), DefaultValue(CheXpertViewFilter.Frontal)]
        public CheXpertViewFilter Views { get; init; } = CheXpertViewFilter.Frontal;
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings s)
    {
        if (string.IsNullOrWhiteSpace(s.Source)) throw new UserFacingException("--source is required");
        var tables = DatasetStats.Compute(s.Dataset.ToLowerInvariant(), s.Source, s.Views);
        if (s.Json)
        {
            CliJson.Write(tables.Select(t => new
            {
                title = t.Title, columns = t.Columns,
                rows = t.Rows.Select(r => t.Columns.Zip(r).ToDictionary(p => p.First, p => p.Second)),
                notes = t.Notes,
            }));
            return ExitCodes.Success;
        }
        foreach (var t in tables)
        {
            var table = CliTable.New().Title(Markup.Escape(t.Title));
            foreach (var c in t.Columns) table.AddColumn(Markup.Escape(c));
            foreach (var r in t.Rows) table.AddRow(r.Select(Markup.Escape).ToArray());
            AnsiConsole.Write(table);
            foreach (var n in t.Notes) AnsiConsole.MarkupLine(Markup.Escape(n));
        }
        return 0;
    }
}
