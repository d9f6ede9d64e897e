using System.Globalization;
using System.Text;
using CxrSeg.Experiments;
using CxrSeg.Runs;

namespace CxrSeg.Reports;

/// <summary>
/// The cross-validation comparison of a grid's settings (<c>cxrseg cv</c>): one <see cref="CvRow"/> per variant (runs that
/// differ only by repeat are averaged), read from each run's <see cref="RunFiles.CvMetrics"/>; best CV mIoU first.
/// </summary>
public sealed record CvTable(IReadOnlyList<string> ClassNames, IReadOnlyList<CvRow> Rows)
{
    /// <summary>Builds the table from loaded runs; runs without out-of-fold scores are left out with a note.</summary>
    public static CvTable Build(IReadOnlyList<RunResult> runs, List<string> notes)
    {
        var withCv = new List<(RunResult Run, MetricsFile Cv)>();
        var tuned = new List<(RunResult Run, MetricsFile Cv)>();
        foreach (var r in runs)
        {
            if (r.Folder is null || !File.Exists(Path.Combine(r.Folder, RunFiles.CvMetrics)))
            {
                notes.Add($"{r.RunName}: no {RunFiles.CvMetrics} (train with protocol kfold); left out");
                continue;
            }
            if (TryLoad(Path.Combine(r.Folder, RunFiles.CvMetrics), notes) is not { } cv) continue;
            withCv.Add((r, cv));
            // Runs trained with tuned thresholds also have their cross-fitted figure: a row of its own, beside the 0.5 row.
            var thresholds = Path.Combine(r.Folder, RunFiles.CvMetricsThresholds);
            if (File.Exists(thresholds) && TryLoad(thresholds, notes) is { } t) tuned.Add((r, t));
        }
        var classes = withCv.Count == 0 ? [] : withCv[0].Cv.Classes.Select(c => c.Name).ToList();
        var rows = withCv.GroupBy(x => x.Run.Labels.WithoutRepeat)
            .Select(g => Row(Name(g.Key), g.ToList(), classes))
            .Concat(tuned.GroupBy(x => x.Run.Labels.WithoutRepeat).Select(g => Row(Name(g.Key) + ThresholdsSuffix, g.ToList(), classes)))
            .OrderByDescending(r => r.MeanIou ?? double.NegativeInfinity).ThenBy(r => r.Name, StringComparer.Ordinal).ToList();
        return new CvTable(classes, rows);
    }

    /// <summary>The metrics file, or null with a note naming it when it cannot be read (the other runs are still compared).</summary>
    private static MetricsFile? TryLoad(string path, List<string> notes)
    {
        try { return MetricsFile.Load(path); }
        catch (UserFacingException e)
        {
            notes.Add($"{e.Message}; left out");
            return null;
        }
    }

    /// <summary>Appended to a setting's name on its row scored at cross-fitted tuned thresholds (<see cref="RunFiles.CvMetricsThresholds"/>).</summary>
    public const string ThresholdsSuffix = " + thresholds (cross-fitted)";

    private static string Name(PlanLabels l) => l.Variant.Length > 0 ? l.Variant
        : $"{l.Architecture}-{l.Encoder}-{PlanNames.StrategyName(l.Strategy, l.Pretext)}-{PlanNames.Of(l.Init)}";

    private static CvRow Row(string name, IReadOnlyList<(RunResult Run, MetricsFile Cv)> runs, IReadOnlyList<string> classes)
    {
        static double? Mean(IEnumerable<double?> v)
        {
            var x = v.Where(d => d.HasValue).Select(d => d!.Value).ToList();
            return x.Count == 0 ? null : x.Average();
        }
        var folds = runs.SelectMany(r => r.Cv.FoldMIoU ?? []).Where(v => v.HasValue).Select(v => v!.Value).ToList();
        var perClass = classes.Select(c => Mean(runs.Select(r => r.Cv.Classes.FirstOrDefault(x => x.Name == c)?.Iou))).ToList();
        return new CvRow(name, runs.Count, Mean(runs.Select(r => r.Cv.MIoU)), folds.Count == 0 ? null : folds.Min(), folds.Count == 0 ? null : folds.Max(),
            perClass, Mean(runs.Select(r => r.Run.Metrics.MIoU)));
    }

    /// <summary>The table as Markdown (IoU in %).</summary>
    public string ToMarkdown()
    {
        var sb = new StringBuilder();
        sb.AppendLine("| setting | runs | CV mIoU % | folds min–max | " + string.Join(" | ", ClassNames) + " | test mIoU % |");
        sb.AppendLine("|---|---|---|---|" + string.Concat(ClassNames.Select(_ => "---|")) + "---|");
        foreach (var r in Rows)
            sb.AppendLine($"| {r.Name} | {r.Runs} | {Pct(r.MeanIou)} | {Pct(r.FoldMin)}–{Pct(r.FoldMax)} | " +
                          string.Join(" | ", r.ClassIou.Select(Pct)) + $" | {Pct(r.TestMeanIou)} |");
        return sb.ToString();
    }

    /// <summary>The table as CSV (IoU as fractions).</summary>
    public string ToCsv()
    {
        var sb = new StringBuilder();
        sb.AppendLine("setting,runs,cv_miou,fold_min,fold_max," + string.Join(",", ClassNames.Select(Quote)) + ",test_miou");
        foreach (var r in Rows)
            sb.AppendLine($"{Quote(r.Name)},{r.Runs},{Num(r.MeanIou)},{Num(r.FoldMin)},{Num(r.FoldMax)}," + string.Join(",", r.ClassIou.Select(Num)) + $",{Num(r.TestMeanIou)}");
        return sb.ToString();
    }

    /// <summary>A fraction as a percentage with one decimal, or an en dash.</summary>
    public static string Pct(double? v) => v is { } x ? (x * 100).ToString("0.0", CultureInfo.InvariantCulture) : "–";

    private static string Num(double? v) => v is { } x ? x.ToString("0.######", CultureInfo.InvariantCulture) : "";

    private static string Quote(string s) => s.Contains(',') || s.Contains('"') ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
}
