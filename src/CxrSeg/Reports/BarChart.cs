using CxrSeg.Experiments;
using ScottPlot;

namespace CxrSeg.Reports;

/// <summary>
/// The paper's Figures 4/5: test mIoU % by backbone for one Table 3 column, one bar per strategy, error bars from the
/// worst to the best repeat.
/// </summary>
public static class BarChart
{
    private static readonly (Strategy S, Pretext P)[] Order =
    [
        (Strategy.None, Pretext.None), (Strategy.CheXpert, Pretext.Classifier), (Strategy.CheXpert, Pretext.Autoencoder),
        (Strategy.Siim, Pretext.None), (Strategy.TwoStep, Pretext.Classifier), (Strategy.TwoStep, Pretext.Autoencoder),
    ];

    private static readonly string[] Palette = ["#7f7f7f", "#1f77b4", "#aec7e8", "#2ca02c", "#d62728", "#ff9896"];

    /// <summary>PNG bytes of the chart for <paramref name="column"/>; null when no run falls in it.</summary>
    public static byte[]? Render(IReadOnlyList<RunResult> runs, Table3Column column, int width = 900, int height = 480)
    {
        if (!column.IsActive(runs)) return null;
        var mine = runs.Where(r => column.Holds(r.Labels) && r.Metrics.MIoU is not null).ToList();
        if (mine.Count == 0) return null;
        var encoders = Table3.Build(mine).Rows.Select(r => r.Encoder).Distinct().ToList();
        var strategies = Order.Where(o => mine.Any(r => r.Labels.Strategy == o.S && r.Labels.Pretext == o.P)).ToList();

        var plot = new Plot();
        var slot = 0.8 / Math.Max(strategies.Count, 3);
        var ticks = new List<Tick>();
        var legend = new List<LegendItem>();
        var roles = RoleNames.Common(runs.Select(r => r.Roles));
        double top = 0;
        for (var si = 0; si < strategies.Count; si++)
        {
            var (s, p) = strategies[si];
            var color = Color.FromHex(Palette[Array.IndexOf(Order, (s, p))]);
            var bars = new List<Bar>();
            var xs = new List<double>();
            var ys = new List<double>();
            var lo = new List<double>();
            var hi = new List<double>();
            for (var ei = 0; ei < encoders.Count; ei++)
            {
                var stats = CellStats.Of(mine.Where(r => r.Labels.Encoder == encoders[ei] && r.Labels.Strategy == s && r.Labels.Pretext == p)
                    .Select(r => r.Metrics.MIoU!.Value));
                if (stats is null) continue;
                var x = ei + (si - (strategies.Count - 1) / 2.0) * slot;
                bars.Add(new Bar { Position = x, Value = stats.Mean, FillColor = color, Size = slot * 0.9, LineWidth = 0 });
                xs.Add(x);
                ys.Add(stats.Mean);
                lo.Add(stats.Mean - stats.Worst);
                hi.Add(stats.Best - stats.Mean);
                top = Math.Max(top, stats.Best);
            }
            plot.Add.Bars(bars);
            var eb = plot.Add.ErrorBar(xs, ys, lo.ToArray());
            eb.YErrorNegative = lo;
            eb.YErrorPositive = hi;
            eb.Color = Colors.Black;
            eb.LineWidth = 1.5f;
            legend.Add(new LegendItem { LabelText = PlanNames.StrategyLabel(s, p, roles), FillColor = color });
        }
        for (var ei = 0; ei < encoders.Count; ei++) ticks.Add(new Tick(ei, encoders[ei]));
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks.ToArray());
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Axes.SetLimits(-0.6, encoders.Count - 0.4, 0, Math.Min(100, Math.Max(10, top * 1.15)));
        plot.Grid.XAxisStyle.MajorLineStyle.Width = 0;
        plot.YLabel("test mIoU (%)");
        plot.XLabel("backbone");
        var title = $"{column.Title}: mean over repeats, bars = best–worst";
        plot.Title(title);
        plot.Legend.ManualItems.AddRange(legend);
        plot.ShowLegend(Edge.Right);
        // The title is centred over the data area, which the legend on the right narrows: widen the image so long
        // legend labels (sets named in the grid) never push the title off the left edge.
        var longestLabel = legend.Count == 0 ? 0 : legend.Max(l => l.LabelText.Length);
        var needed = 10 * title.Length + 8 * longestLabel + 160;
        return plot.GetImageBytes(Math.Max(width, needed), height, ImageFormat.Png);
    }
}
