using System.Globalization;

namespace CxrSeg.Reports;

/// <summary>
/// Whether each pretraining strategy beats no pretraining by more than the repeats' own spread, on the test images
/// (Table 3's cells) and on the final stage's validation images (each run's best validation mIoU, from its
/// history.csv). A difference counts only when it is larger than the larger of the two cells' best − worst spreads.
/// </summary>
public sealed record VersusNone(IReadOnlyList<VersusNone.Line> Lines)
{
    /// <summary>One strategy in one Table 3 column against the none cell of the same column and backbone.</summary>
    /// <param name="Encoder">Backbone.</param>
    /// <param name="Strategy">Row title with the CheXpert pretext where it has one, e.g. "2-step CheXpert → SIIM (classifier)".</param>
    /// <param name="Column">Column title.</param>
    /// <param name="Test">Test mIoU: difference in points and the larger spread.</param>
    /// <param name="Validation">Best validation mIoU: difference in points and the larger spread; null when a run has no validation history.</param>
    public sealed record Line(string Encoder, string Strategy, string Column, Gap Test, Gap? Validation);

    /// <summary>A difference of means (points) and the larger best − worst spread of the two cells (points).</summary>
    public sealed record Gap(double Difference, double Spread)
    {
        /// <summary>"above", "below" (by more than the spread) or "within the spread".</summary>
        public string Verdict => Difference > Spread ? "above by more than the spread" : -Difference > Spread ? "below by more than the spread" : "within the spread";

        /// <summary>"+1.5 (spread 3.1): within the spread".</summary>
        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Difference:+0.0;-0.0;0.0} (spread {Spread:0.0}): {Verdict}");
    }

    /// <summary>Compares every pretraining cell of <paramref name="table"/> with its none cell.</summary>
    public static VersusNone Build(Table3 table, IReadOnlyList<RunResult> runs)
    {
        var lines = new List<Line>();
        for (var c = 0; c < table.Columns.Count; c++)
        {
            var column = table.Columns[c];
            for (var r = 0; r < table.Rows.Count; r++)
            {
                var row = table.Rows[r];
                if (row.Strategy == Experiments.Strategy.None || table.Cells[r][c] is not { } cell) continue;
                var noneRow = Enumerable.Range(0, table.Rows.Count).FirstOrDefault(i => table.Rows[i].Strategy == Experiments.Strategy.None && table.Rows[i].Encoder == row.Encoder, -1);
                if (noneRow < 0 || table.Cells[noneRow][c] is not { } none) continue;
                var test = new Gap(cell.Mean - none.Mean, Math.Max(cell.Spread, none.Spread));
                var mine = runs.Where(x => row.Holds(x.Labels) && column.Holds(x.Labels)).Select(x => x.ValidationMIoU).ToList();
                var base0 = runs.Where(x => table.Rows[noneRow].Holds(x.Labels) && column.Holds(x.Labels)).Select(x => x.ValidationMIoU).ToList();
                Gap? val = null;
                if (mine.All(v => v is not null) && base0.All(v => v is not null) && CellStats.Of(mine.Select(v => v!.Value)) is { } vm && CellStats.Of(base0.Select(v => v!.Value)) is { } vn)
                    val = new Gap(vm.Mean - vn.Mean, Math.Max(vm.Spread, vn.Spread));
                // 1-step SIIM appears in both pretext groups (it uses no CheXpert stage): listed once.
                var title = row.Strategy is Experiments.Strategy.CheXpert or Experiments.Strategy.TwoStep
                    ? $"{row.StrategyTitle} ({row.Group.ToString().ToLowerInvariant()})" : row.StrategyTitle;
                lines.Add(new Line(row.Encoder, title, column.Title, test, val));
            }
        }
        return new VersusNone(lines.DistinctBy(l => (l.Encoder, l.Strategy, l.Column)).ToList());
    }
}
