using CxrSeg.Experiments;
using CxrSeg.Metrics;
using CxrSeg.Reports;
using CxrSeg.Runs;
using CxrSeg.Tests.Support;

namespace CxrSeg.Tests.Reports;

public sealed class CvTableTests
{
    private static MetricsFile Metrics(string split, double a, double? b, params double?[] folds) =>
        new MetricsFile("segment", split, 0.5, OverlapMath.Reduction, 10,
            [new ClassMetric("Lung", a, a, "ok"), new ClassMetric("Tube", b, b, b is null ? "n/a: absent" : "ok")], b is null ? a : (a + b.Value) / 2, null)
        { FoldMIoU = folds.Length == 0 ? null : folds };

    private static RunResult Run(string root, string variant, int repeat, MetricsFile? cv, double test)
    {
        var folder = Path.Combine(root, $"{variant}-r{repeat}");
        Directory.CreateDirectory(folder);
        cv?.Save(Path.Combine(folder, RunFiles.CvMetrics));
        var labels = new PlanLabels("unet", "resnet18", Strategy.None, Pretext.None, InitKind.Random, null, repeat, variant);
        return new RunResult(Path.GetFileName(folder), labels, Metrics("test", test, test)) { Folder = folder };
    }

    [Fact]
    public void Variants_are_averaged_over_repeats_and_sorted_by_cv_miou()
    {
        using var t = new TempDir();
        var runs = new[]
        {
            Run(t.Path, "base", 0, Metrics("out-of-fold", 0.8, 0.0, 0.35, 0.45), 0.5),
            Run(t.Path, "crop", 0, Metrics("out-of-fold", 0.9, 0.2, 0.5, 0.6), 0.6),
            Run(t.Path, "crop", 1, Metrics("out-of-fold", 0.7, 0.4, 0.4, 0.7), 0.4),
            Run(t.Path, "nocv", 0, null, 0.9),
        };
        var notes = new List<string>();
        var table = CvTable.Build(runs, notes);
        Assert.Equal(["Lung", "Tube"], table.ClassNames);
        Assert.Equal(["crop", "base"], table.Rows.Select(r => r.Name));
        var crop = table.Rows[0];
        Assert.Equal(2, crop.Runs);
        Assert.Equal(0.55, crop.MeanIou!.Value, 9);          // (0.55 + 0.55) / 2
        Assert.Equal(0.8, crop.ClassIou[0]!.Value, 9);
        Assert.Equal(0.3, crop.ClassIou[1]!.Value, 9);
        Assert.Equal((0.4, 0.7), (crop.FoldMin!.Value, crop.FoldMax!.Value));
        Assert.Equal(0.5, crop.TestMeanIou!.Value, 9);
        Assert.Contains(notes, n => n.Contains("nocv-r0"));
        Assert.Contains("| crop | 2 | 55.0 | 40.0–70.0 | 80.0 | 30.0 | 50.0 |", table.ToMarkdown());
        Assert.StartsWith("setting,runs,cv_miou,fold_min,fold_max,Lung,Tube,test_miou", table.ToCsv());
    }

    [Fact]
    public void A_run_with_cross_fitted_thresholds_gets_a_second_row_beside_its_05_row()
    {
        using var t = new TempDir();
        var run = Run(t.Path, "tuned", 0, Metrics("out-of-fold", 0.8, 0.0, 0.4, 0.4), 0.5);
        Metrics("out-of-fold, thresholds cross-fitted", 0.8, 0.2, 0.5, 0.5).Save(Path.Combine(run.Folder!, RunFiles.CvMetricsThresholds));
        var table = CvTable.Build([run], []);
        Assert.Equal(["tuned" + CvTable.ThresholdsSuffix, "tuned"], table.Rows.Select(r => r.Name));
        Assert.Equal(0.5, table.Rows[0].MeanIou!.Value, 9);
        Assert.Equal(0.2, table.Rows[0].ClassIou[1]!.Value, 9);
        Assert.Equal(0.4, table.Rows[1].MeanIou!.Value, 9);
    }

    [Fact]
    public void A_truncated_cv_file_is_left_out_with_a_note_naming_it_and_the_other_runs_are_compared()
    {
        using var t = new TempDir();
        var good = Run(t.Path, "good", 0, Metrics("out-of-fold", 0.8, 0.2, 0.5, 0.5), 0.5);
        var bad = Run(t.Path, "bad", 0, Metrics("out-of-fold", 0.9, 0.9, 0.9, 0.9), 0.5);
        var path = Path.Combine(bad.Folder!, RunFiles.CvMetrics);
        File.WriteAllText(path, File.ReadAllText(path)[..40]);
        var thresholds = Path.Combine(good.Folder!, RunFiles.CvMetricsThresholds);
        File.WriteAllText(thresholds, "{\"task\": ");
        var notes = new List<string>();
        var table = CvTable.Build([good, bad], notes);
        Assert.Equal(["good"], table.Rows.Select(r => r.Name));
        Assert.Contains(notes, n => n.Contains(path) && n.Contains("left out"));
        Assert.Contains(notes, n => n.Contains(thresholds));
    }
}
