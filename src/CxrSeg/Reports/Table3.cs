using CxrSeg.Experiments;

namespace CxrSeg.Reports;

/// <summary>The paper's Table 3: mean test mIoU % ± (best − worst) over repeats, per row and column.</summary>
public sealed record Table3(IReadOnlyList<Table3Column> Columns, IReadOnlyList<Table3Row> Rows, IReadOnlyList<IReadOnlyList<CellStats?>> Cells)
{
    private static readonly string[] KnownEncoders = ["vgg16", "vgg16_bn", "resnet50", "resnext50_32x4d"];

    /// <summary>Builds the table from runs; rows and columns with no value are left out.</summary>
    public static Table3 Build(IReadOnlyList<RunResult> runs)
    {
        var encoders = runs.Select(r => r.Labels.Encoder).Distinct()
            .OrderBy(e => Array.IndexOf(KnownEncoders, e) is var i && i >= 0 ? i : KnownEncoders.Length)
            .ThenBy(e => e, StringComparer.Ordinal).ToList();
        var groups = runs.Select(r => r.Labels.Pretext).Where(p => p != Pretext.None).Distinct().Order().ToList();
        if (groups.Count == 0) groups.Add(Pretext.Classifier);
        var roles = RoleNames.Common(runs.Select(r => r.Roles));
        var rows = new List<Table3Row>();
        var cells = new List<IReadOnlyList<CellStats?>>();
        foreach (var enc in encoders)
        foreach (var g in groups)
        foreach (var s in new[] { Strategy.None, Strategy.CheXpert, Strategy.Siim, Strategy.TwoStep })
        {
            var row = new Table3Row(enc, g, s) { Roles = roles };
            var line = Table3Column.Paper
                .Select(c => !c.IsActive(runs) ? null : CellStats.Of(runs.Where(r => row.Holds(r.Labels) && c.Holds(r.Labels) && r.Metrics.MIoU is not null).Select(r => r.Metrics.MIoU!.Value)))
                .ToList();
            if (line.All(x => x is null)) continue;
            rows.Add(row);
            cells.Add(line);
        }
        // Keep only the columns the runs fill (the paper grid fills all six; a small grid shows just its own).
        var keep = Enumerable.Range(0, Table3Column.Paper.Count).Where(c => cells.Any(line => line[c] is not null)).ToList();
        return new Table3(keep.Select(c => Table3Column.Paper[c]).ToList(), rows,
            cells.Select(line => (IReadOnlyList<CellStats?>)keep.Select(c => line[c]).ToList()).ToList());
    }
}
