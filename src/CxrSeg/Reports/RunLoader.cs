using CxrSeg.Experiments;
using CxrSeg.Runs;

namespace CxrSeg.Reports;

/// <summary>Finds finished runs (run.json + metrics.json) from a grid file and workspace, or from a runs folder.</summary>
public static class RunLoader
{
    /// <summary>
    /// Loads the runs of <paramref name="input"/>: a grid file (its plans' runs in <paramref name="workspace"/>), a
    /// workspace (its runs/ folder), a runs folder, or a single run folder. <paramref name="notes"/> receives what was skipped.
    /// </summary>
    public static IReadOnlyList<RunResult> Load(string input, string workspace, List<string> notes)
    {
        if (File.Exists(input))
        {
            var grid = GridFile.Load(input);
            var ws = new Workspace(workspace);
            var plans = GridExpander.Expand(grid).Plans;
            var list = new List<RunResult>();
            var missing = 0;
            foreach (var p in plans)
            {
                var folder = ws.RunFolder(StageIds.RunFolderName(ws.Pin(p)));
                if (!File.Exists(Path.Combine(folder, RunFiles.Manifest))) { missing++; continue; }
                if (LoadRun(folder, notes) is { } r) list.Add(r);
            }
            if (missing > 0) notes.Add($"{missing} of {plans.Count} plan(s) of the grid are not finished yet; they are left out");
            return list;
        }
        if (!Directory.Exists(input)) throw new UserFacingException($"report input not found: {input} (give a grid file, a workspace, or a runs folder)");
        if (File.Exists(Path.Combine(input, RunFiles.Manifest))) return LoadRun(input, notes) is { } one ? [one] : [];
        var dir = Directory.Exists(Path.Combine(input, "runs")) ? Path.Combine(input, "runs") : input;
        var results = new List<RunResult>();
        foreach (var d in Directory.GetDirectories(dir).Order(StringComparer.Ordinal))
            if (File.Exists(Path.Combine(d, RunFiles.Manifest)) && LoadRun(d, notes) is { } r)
                results.Add(r);
        return results;
    }

    /// <summary>Loads one run folder; null (with a note) when it has no labels or metrics.</summary>
    public static RunResult? LoadRun(string folder, List<string> notes)
    {
        var runJson = Path.Combine(folder, RunFiles.Manifest);
        var rec = PlanRunFiles.ReadRun(runJson);
        if (rec?.Labels is null)
        {
            notes.Add($"{Path.GetFileName(folder)}: no Table 3 labels in run.json; left out");
            return null;
        }
        var metricsPath = Path.Combine(folder, RunFiles.Metrics);
        if (!File.Exists(metricsPath))
        {
            notes.Add($"{Path.GetFileName(folder)}: no metrics.json; left out");
            return null;
        }
        PlanLabels labels;
        try { labels = rec.Labels.ToLabels(); }
        catch (UserFacingException e) { throw new UserFacingException($"{runJson}: {e.Message}", e); }
        return new RunResult(Path.GetFileName(folder), labels, MetricsFile.Load(metricsPath))
        {
            Folder = folder, Roles = RoleNames.FromRefs(rec.Datasets), ValidationMIoU = BestValidationMIoU(folder, rec),
        };
    }

    /// <summary>The best validation mIoU in the final stage's history.csv (workspace/stages/&lt;id&gt;), or null.</summary>
    private static double? BestValidationMIoU(string runFolder, PlanRunRecord rec)
    {
        if (rec.Stages.Count == 0) return null;
        var workspace = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetFullPath(runFolder)));
        if (workspace is null) return null;
        var history = Path.Combine(workspace, rec.FinalStageFolder ?? Path.Combine("stages", rec.Stages[^1].Id), RunFiles.History);
        if (!File.Exists(history)) return null;
        try
        {
            var values = HistoryCsv.Read(history).Select(e => e.ValMIoU).Where(v => v is { } x && double.IsFinite(x)).Select(v => v!.Value).ToList();
            return values.Count == 0 ? null : values.Max();
        }
        catch (Exception e) when (e is IOException or UserFacingException or FormatException) { return null; }
    }
}
