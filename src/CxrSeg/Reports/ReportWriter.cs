using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text;
using CsvHelper;
using CxrSeg.Experiments;
using CxrSeg.Models.Weights;
using CxrSeg.Platform;

namespace CxrSeg.Reports;

/// <summary>Writes the report: Table 3, per-class IoU, charts, overlays; report.md, self-contained report.html, results.csv/json.</summary>
public static class ReportWriter
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>Loads the runs and writes every report file into <see cref="ReportOptions.OutDir"/>.</summary>
    public static ReportSummary Write(ReportOptions o)
    {
        o.Validate();
        var notes = new List<string>();
        var runs = RunLoader.Load(o.Input, o.Workspace, notes);
        if (runs.Count == 0) throw new UserFacingException($"report: no finished runs found in {o.Input}{(notes.Count > 0 ? " (" + string.Join("; ", notes) + ")" : "")}");
        var variants = runs.Select(r => r.Labels.Variant).Where(v => v.Length > 0).Distinct().Count();
        if (variants > 0)
            notes.Add($"the runs hold {variants} grid variant(s), which Table 3 pools like repeats; compare variants with `cxrseg cv`");
        var table = Table3.Build(runs);
        var classes = ClassTable.Build(runs);
        Directory.CreateDirectory(o.OutDir);
        var files = new List<string>();

        var charts = new List<(string Title, string File, byte[] Png)>();
        Directory.CreateDirectory(Path.Combine(o.OutDir, "charts"));
        foreach (var c in table.Columns)
        {
            var png = BarChart.Render(runs, c);
            if (png is null) continue;
            var name = $"charts/miou-{c.Architecture}-{(c.Transfer is { } t ? (t == TransferMode.Encoder ? "enc" : "encdec") + "-" : "")}{PlanNames.Of(c.Init)}.png";
            AtomicFile.WriteAllBytes(Path.Combine(o.OutDir, name), png);
            files.Add(name);
            charts.Add((c.Title, name, png));
        }
        var curves = PretrainingCurves.Collect(runs, notes);
        foreach (var (metric, png) in PretrainingCurves.Render(curves))
        {
            var name = $"charts/pretraining-{metric.Replace(' ', '-').ToLowerInvariant()}.png";
            AtomicFile.WriteAllBytes(Path.Combine(o.OutDir, name), png);
            files.Add(name);
            charts.Add(($"Pretraining stages: validation {metric}", name, png));
        }
        var overlays = new List<(string File, byte[] Png)>();
        if (o.Overlays.Count > 0) Directory.CreateDirectory(Path.Combine(o.OutDir, "overlays"));
        for (var i = 0; i < o.Overlays.Count; i++)
        {
            var bytes = File.ReadAllBytes(o.Overlays[i]);
            var name = $"overlays/{i:00}-{StageIds.Sanitize(Path.GetFileName(o.Overlays[i]))}";
            AtomicFile.WriteAllBytes(Path.Combine(o.OutDir, name), bytes);
            files.Add(name);
            overlays.Add((name, bytes));
        }

        var versusNone = VersusNone.Build(table, runs);
        AtomicFile.WriteAllText(Path.Combine(o.OutDir, "report.md"), Markdown(o.Title, runs, table, versusNone, classes, curves, charts, overlays, notes));
        AtomicFile.WriteAllText(Path.Combine(o.OutDir, "report.html"), Html(o.Title, runs, table, versusNone, classes, curves, charts, overlays, notes));
        AtomicFile.Write(Path.Combine(o.OutDir, "results.csv"), p => WriteCsv(p, runs));
        AtomicFile.WriteAllText(Path.Combine(o.OutDir, "results.json"), JsonSerializer.Serialize(ResultsJson(runs, table), Json));
        files.InsertRange(0, ["report.md", "report.html", "results.csv", "results.json"]);
        return new ReportSummary(runs, table, classes, files, notes) { VersusNone = versusNone };
    }

    private static RoleNames StepRoles(Table3 t) => t.Rows.Count > 0 ? t.Rows[0].Roles : RoleNames.Paper;

    private static string StepA(Table3 t) => StepRoles(t).StepA;

    private static string F(double? v) => v is { } x ? x.ToString("0.0", CultureInfo.InvariantCulture) : "n/a";

    private static string Cell(CellStats? c) => c is null ? "—" : string.Create(CultureInfo.InvariantCulture, $"{c.Mean:0.0} ± {c.Spread:0.0} (n={c.N})");

    private const string VersusNoneText =
        "Each pretraining strategy's mean mIoU minus that of no pretraining, in the same column, on the test images (Table 3) " +
        "and on the final stage's validation images (each run's best validation mIoU over its epochs). A difference counts only " +
        "when it is larger than the larger best − worst spread of the two cells.";

    private static string Markdown(string title, IReadOnlyList<RunResult> runs, Table3 t, VersusNone vs, ClassTable ct, IReadOnlyList<PretrainingCurve> curves,
        List<(string Title, string File, byte[] Png)> charts, List<(string File, byte[] Png)> overlays, List<string> notes)
    {
        var sb = new StringBuilder();
        sb.Append($"# {title}\n\n");
        sb.Append($"{runs.Count} finished run(s). Cells: mean test mIoU % ± (best − worst) over repeats, n = repeats. " +
                  "Runs without pretraining fill both UNet transfer columns (nothing is transferred).\n\n");
        sb.Append($"## Table 3\n\n| backbone | {StepA(t)} pretext | strategy | " + string.Join(" | ", t.Columns.Select(c => c.Title)) + " |\n");
        sb.Append("|---|---|---|" + string.Concat(t.Columns.Select(_ => "---|")) + "\n");
        for (var i = 0; i < t.Rows.Count; i++)
        {
            var r = t.Rows[i];
            sb.Append($"| {r.Encoder} | {PlanNames.Of(r.Group)} | {r.StrategyTitle} | {string.Join(" | ", t.Cells[i].Select(Cell))} |\n");
        }
        if (vs.Lines.Count > 0)
        {
            sb.Append("\n## Pretraining against none\n\n").Append(VersusNoneText).Append("\n\n");
            sb.Append("| backbone | strategy | column | test mIoU: difference (points) | validation mIoU: difference (points) |\n|---|---|---|---|---|\n");
            foreach (var l in vs.Lines) sb.Append($"| {l.Encoder} | {l.Strategy} | {l.Column} | {l.Test} | {l.Validation?.ToString() ?? "n/a"} |\n");
        }
        sb.Append("\n## Per-class test IoU (%)\n\nMean over repeats; n/a: the class was absent from truth and prediction (no score).\n\n");
        sb.Append("| configuration | mIoU | " + string.Join(" | ", ct.ClassNames) + " |\n|---|---|" + string.Concat(ct.ClassNames.Select(_ => "---|")) + "\n");
        for (var i = 0; i < ct.Configs.Count; i++)
            sb.Append($"| {ClassTable.Title(ct.Configs[i], StepRoles(t))} | {Cell(ct.MIoU[i])} | {string.Join(" | ", ct.Iou[i].Select(F))} |\n");
        if (curves.Count > 0)
        {
            sb.Append("\n## Pretraining stages (validation)\n\nDid each pretraining stage learn before passing its weights on? Best validation value over its epochs (chance: AUROC 0.5).\n\n");
            sb.Append("| stage | what | metric | epochs | best |\n|---|---|---|---|---|\n");
            foreach (var c in curves) sb.Append($"| {c.StageId} | {c.Title} | {c.Metric} | {c.Epochs.Count} | {c.Best.ToString("0.###", CultureInfo.InvariantCulture)} |\n");
        }
        if (charts.Count > 0)
        {
            sb.Append("\n## Charts\n\n");
            foreach (var c in charts) sb.Append($"### {c.Title}\n\n![{c.Title}]({c.File})\n\n");
        }
        if (overlays.Count > 0)
        {
            sb.Append("\n## Test predictions\n\n");
            foreach (var ov in overlays) sb.Append($"![{Path.GetFileName(ov.File)}]({ov.File})\n\n");
        }
        if (notes.Count > 0) sb.Append("\n## Notes\n\n" + string.Concat(notes.Select(n => $"- {n}\n")));
        return sb.ToString();
    }

    private static string Html(string title, IReadOnlyList<RunResult> runs, Table3 t, VersusNone vs, ClassTable ct, IReadOnlyList<PretrainingCurve> curves,
        List<(string Title, string File, byte[] Png)> charts, List<(string File, byte[] Png)> overlays, List<string> notes)
    {
        static string E(string s) => WebUtility.HtmlEncode(s);
        static string Img(byte[] png, string alt) => $"<img alt=\"{E(alt)}\" src=\"data:image/png;base64,{Convert.ToBase64String(png)}\">";
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(E(title)).Append("</title>\n<style>\n");
        sb.Append("body{font-family:system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0;font-size:.9em}");
        sb.Append("th,td{border:1px solid #ccc;padding:.3em .6em;text-align:right}th{background:#f0f0f0}td.l,th.l{text-align:left}");
        sb.Append("img{max-width:100%;display:block;margin:.5em 0}.na{color:#999}\n</style></head><body>\n");
        sb.Append($"<h1>{E(title)}</h1>\n<p>{runs.Count} finished run(s). Cells: mean test mIoU % ± (best − worst) over repeats, n = repeats. " +
                  "Runs without pretraining fill both UNet transfer columns (nothing is transferred).</p>\n");
        sb.Append($"<h2>Table 3</h2>\n<table><tr><th class=l>backbone</th><th class=l>{E(StepA(t))} pretext</th><th class=l>strategy</th>");
        foreach (var c in t.Columns) sb.Append($"<th>{E(c.Title)}</th>");
        sb.Append("</tr>\n");
        for (var i = 0; i < t.Rows.Count; i++)
        {
            var r = t.Rows[i];
            sb.Append($"<tr><td class=l>{E(r.Encoder)}</td><td class=l>{E(PlanNames.Of(r.Group))}</td><td class=l>{E(r.StrategyTitle)}</td>");
            foreach (var c in t.Cells[i]) sb.Append(c is null ? "<td class=na>—</td>" : $"<td>{E(Cell(c))}</td>");
            sb.Append("</tr>\n");
        }
        sb.Append("</table>\n");
        if (vs.Lines.Count > 0)
        {
            sb.Append("<h2>Pretraining against none</h2>\n<p>").Append(E(VersusNoneText)).Append("</p>\n");
            sb.Append("<table><tr><th class=l>backbone</th><th class=l>strategy</th><th class=l>column</th><th class=l>test mIoU: difference (points)</th><th class=l>validation mIoU: difference (points)</th></tr>\n");
            foreach (var l in vs.Lines)
                sb.Append($"<tr><td class=l>{E(l.Encoder)}</td><td class=l>{E(l.Strategy)}</td><td class=l>{E(l.Column)}</td><td class=l>{E(l.Test.ToString())}</td><td class=l>{E(l.Validation?.ToString() ?? "n/a")}</td></tr>\n");
        }
        sb.Append("<h2>Per-class test IoU (%)</h2>\n<p>Mean over repeats; n/a: the class was absent from truth and prediction (no score).</p>\n");
        sb.Append("<table><tr><th class=l>configuration</th><th>mIoU</th>");
        foreach (var n in ct.ClassNames) sb.Append($"<th>{E(n)}</th>");
        sb.Append("</tr>\n");
        for (var i = 0; i < ct.Configs.Count; i++)
        {
            sb.Append($"<tr><td class=l>{E(ClassTable.Title(ct.Configs[i], StepRoles(t)))}</td><td>{E(Cell(ct.MIoU[i]))}</td>");
            foreach (var v in ct.Iou[i]) sb.Append(v is null ? "<td class=na>n/a</td>" : $"<td>{F(v)}</td>");
            sb.Append("</tr>\n");
        }
        sb.Append("</table>\n");
        if (curves.Count > 0)
        {
            sb.Append("<h2>Pretraining stages (validation)</h2>\n<p>Did each pretraining stage learn before passing its weights on? Best validation value over its epochs (chance: AUROC 0.5).</p>\n");
            sb.Append("<table><tr><th class=l>stage</th><th class=l>what</th><th class=l>metric</th><th>epochs</th><th>best</th></tr>\n");
            foreach (var c in curves)
                sb.Append($"<tr><td class=l>{E(c.StageId)}</td><td class=l>{E(c.Title)}</td><td class=l>{E(c.Metric)}</td><td>{c.Epochs.Count}</td><td>{c.Best.ToString("0.###", CultureInfo.InvariantCulture)}</td></tr>\n");
            sb.Append("</table>\n");
        }
        if (charts.Count > 0)
        {
            sb.Append("<h2>Charts</h2>\n");
            foreach (var c in charts) sb.Append($"<h3>{E(c.Title)}</h3>\n{Img(c.Png, c.Title)}\n");
        }
        if (overlays.Count > 0)
        {
            sb.Append("<h2>Test predictions</h2>\n");
            foreach (var ov in overlays) sb.Append(Img(ov.Png, Path.GetFileName(ov.File))).Append('\n');
        }
        if (notes.Count > 0) sb.Append("<h2>Notes</h2>\n<ul>").Append(string.Concat(notes.Select(n => $"<li>{E(n)}</li>"))).Append("</ul>\n");
        sb.Append("</body></html>\n");
        return sb.ToString();
    }

    private static void WriteCsv(string path, IReadOnlyList<RunResult> runs)
    {
        var classNames = runs.SelectMany(r => r.Metrics.Classes.Select(c => c.Name)).Distinct().ToList();
        using var w = new StreamWriter(path, false, new UTF8Encoding(false));
        using var csv = new CsvWriter(w, CultureInfo.InvariantCulture);
        foreach (var h in new[] { "run", "architecture", "encoder", "strategy", "init", "transfer", "repeat", "mIoU", "mDice", "nImages" })
            csv.WriteField(h);
        foreach (var n in classNames) csv.WriteField("IoU " + n);
        csv.NextRecord();
        foreach (var r in runs)
        {
            var l = r.Labels;
            csv.WriteField(r.RunName);
            csv.WriteField(l.Architecture);
            csv.WriteField(l.Encoder);
            csv.WriteField(PlanNames.StrategyName(l.Strategy, l.Pretext));
            csv.WriteField(PlanNames.Of(l.Init));
            csv.WriteField(l.Transfer is { } t ? PlanNames.Of(t) : "");
            csv.WriteField(l.Repeat);
            csv.WriteField(r.Metrics.MIoU?.ToString("R", CultureInfo.InvariantCulture) ?? "");
            csv.WriteField(r.Metrics.MDice?.ToString("R", CultureInfo.InvariantCulture) ?? "");
            csv.WriteField(r.Metrics.NImages);
            foreach (var n in classNames)
                csv.WriteField(r.Metrics.Classes.FirstOrDefault(c => c.Name == n)?.Iou?.ToString("R", CultureInfo.InvariantCulture) ?? "");
            csv.NextRecord();
        }
    }

    private static object ResultsJson(IReadOnlyList<RunResult> runs, Table3 t) => new
    {
        table3 = new
        {
            columns = t.Columns.Select(c => new { architecture = c.Architecture, transfer = c.Transfer is { } tr ? PlanNames.Of(tr) : null, init = PlanNames.Of(c.Init), title = c.Title }),
            rows = t.Rows.Select((r, i) => new
            {
                encoder = r.Encoder,
                pretext = PlanNames.Of(r.Group),
                strategy = r.StrategyTitle,
                cells = t.Cells[i].Select(c => c is null ? null : new { meanPercent = c.Mean, spreadPercent = c.Spread, bestPercent = c.Best, worstPercent = c.Worst, n = c.N }),
            }),
        },
        runs = runs.Select(r => new { run = r.RunName, labels = r.Labels.ToRecord(), metrics = r.Metrics }),
    };
}
