using CxrSeg.Experiments;
using CxrSeg.Runs;
using ScottPlot;

namespace CxrSeg.Reports;

/// <summary>
/// The validation curves of the pretraining stages behind a report's runs (every stage of a run but its last, each
/// shared stage once): mean AUROC for classifiers, mIoU for segmentation, validation loss for autoencoders. They say
/// whether a pretraining stage learned anything before its weights were passed on.
/// </summary>
public static class PretrainingCurves
{
    /// <summary>Reads the curves; stages without history.csv are noted and skipped.</summary>
    public static IReadOnlyList<PretrainingCurve> Collect(IReadOnlyList<RunResult> runs, List<string> notes)
    {
        var curves = new Dictionary<string, PretrainingCurve>(StringComparer.Ordinal);
        foreach (var run in runs)
        {
            if (run.Folder is null) continue;
            var workspace = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetFullPath(run.Folder)));
            var rec = PlanRunFiles.TryReadRun(Path.Combine(run.Folder, RunFiles.Manifest));
            if (rec is null || workspace is null) continue;
            for (var i = 0; i < rec.Stages.Count - 1; i++)
            {
                var stage = rec.Stages[i];
                if (curves.ContainsKey(stage.Id)) continue;
                var history = Path.Combine(Workspace.StageFolderOf(workspace, stage.Id), RunFiles.History);
                if (!File.Exists(history)) { notes.Add($"pretraining stage {stage.Id}: no history.csv; its curve is left out"); continue; }
                var rows = HistoryCsv.Read(history).Where(r => r.Fold == 0).ToList();
                var metric = stage.Task switch { "classify" => "mean AUROC", "segment" => "mIoU", _ => "loss" };
                var values = rows.Select(r => metric switch { "mean AUROC" => r.ValMeanAuroc, "mIoU" => r.ValMIoU, _ => r.ValLoss }).ToList();
                if (rows.Count == 0 || values.Any(v => v is null)) continue;
                var dataset = DatasetName(workspace, stage) ?? stage.Dataset;
                // A later stage starts from the one before it: name that stage and what it passed on, so that two
                // stages of the same kind (after a classifier, after an autoencoder) are told apart.
                var start = i == 0 ? stage.Init : $"from {rec.Stages[i - 1].Architecture} ({stage.Transfer})";
                curves[stage.Id] = new PretrainingCurve(stage.Id, $"{stage.Task} {dataset} · {stage.Architecture}-{stage.Encoder} · {start}",
                    metric, rows.Select(r => r.Epoch).ToList(), values.Select(v => v!.Value).ToList());
            }
        }
        return curves.Values.OrderBy(c => c.Metric, StringComparer.Ordinal).ThenBy(c => c.Title, StringComparer.Ordinal).ToList();
    }

    /// <summary>One PNG per metric: validation value per epoch, one line per stage.</summary>
    public static IReadOnlyList<(string Metric, byte[] Png)> Render(IReadOnlyList<PretrainingCurve> curves, int width = 900, int height = 420)
    {
        var charts = new List<(string, byte[])>();
        foreach (var group in curves.GroupBy(c => c.Metric))
        {
            var plot = new Plot();
            var palette = new ScottPlot.Palettes.Category10();
            var i = 0;
            foreach (var c in group)
            {
                var line = plot.Add.Scatter(c.Epochs.Select(e => (double)e).ToArray(), c.Values.ToArray());
                line.Color = palette.GetColor(i++);
                line.LegendText = c.Title;
                line.MarkerSize = 6;
            }
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
            plot.XLabel("epoch");
            plot.YLabel($"validation {group.Key}");
            plot.Title($"Pretraining stages: validation {group.Key} per epoch");
            if (group.Key == "mean AUROC") plot.Add.HorizontalLine(0.5, 1, Colors.Gray, LinePattern.Dashed);
            plot.ShowLegend(Edge.Bottom);
            charts.Add((group.Key, plot.GetImageBytes(width, height + 22 * group.Count(), ImageFormat.Png)));
        }
        return charts;
    }

    private static string? DatasetName(string workspace, StageRecord stage) =>
        RunManifestFile.TryRead(Path.Combine(Workspace.StageFolderOf(workspace, stage.Id), RunFiles.Manifest))?.Dataset?.Name;
}
