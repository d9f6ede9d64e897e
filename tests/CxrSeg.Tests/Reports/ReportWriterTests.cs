using System.Globalization;
using System.Text.Json;
using CsvHelper;
using CxrSeg.Experiments;
using CxrSeg.Models.Weights;
using CxrSeg.Reports;
using CxrSeg.Runs;
using CxrSeg.Tests.Experiments;
using CxrSeg.Tests.Support;

namespace CxrSeg.Tests.Reports;

public sealed class ReportWriterTests
{
    /// <summary>Runs a small two-architecture grid with the synthetic executor and returns (grid path, workspace).</summary>
    private static (string Grid, string Ws) SmallWorkspace(TempDir tmp)
    {
        var grid = tmp.File("grid.yaml");
        File.WriteAllText(grid, """
            name: rep
            datasets: { chexpert: c, siim: s, ccxs: x }
            architectures: [unet, deeplabv3]
            encoders: [resnet50, vgg16]
            strategies: [none, chexpert-autoencoder, 2step-classifier]
            inits: [random, imagenet]
            transfers: [encoder, encoder+decoder]
            repeats: 3
            """);
        var ws = tmp.File("ws");
        GridRunner.Run(GridFile.Load(grid), ShardSpec.All, new PlanRunner(new Workspace(ws), new CountingExecutor()));
        return (grid, ws);
    }

    /// <summary>mIoU of every run, read straight from the metrics files, with the labels from run.json.</summary>
    private static List<(PlanLabels L, double MIoU)> ReadRaw(string ws) =>
        Directory.GetDirectories(Path.Combine(ws, "runs")).Select(d =>
        {
            var labels = JsonSerializer.Deserialize<PlanRunRecord>(File.ReadAllText(Path.Combine(d, "run.json")))!.Labels!.ToLabels();
            using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(d, "metrics.json")));
            return (labels, doc.RootElement.GetProperty("mIoU").GetDouble());
        }).ToList();

    [Fact]
    public void Table3Cells_MatchTheMetricsFiles()
    {
        using var tmp = new TempDir();
        var (grid, ws) = SmallWorkspace(tmp);
        var s = ReportWriter.Write(new ReportOptions(grid, ws, tmp.File("out"), []));
        var raw = ReadRaw(ws);
        Assert.Equal(raw.Count, s.Runs.Count);

        // Row resnet50 / autoencoder / 1-step CheXpert, column UNet encoder+decoder ImageNet.
        var row = s.Table.Rows.ToList().FindIndex(r => r.Encoder == "resnet50" && r.Group == Pretext.Autoencoder && r.Strategy == Strategy.CheXpert);
        var col = s.Table.Columns.ToList().FindIndex(c => c.Architecture == "unet" && c.Transfer == TransferMode.EncoderDecoder && c.Init == InitKind.ImageNet);
        var want = raw.Where(x => x.L.Architecture == "unet" && x.L.Encoder == "resnet50" && x.L.Strategy == Strategy.CheXpert
                                  && x.L.Pretext == Pretext.Autoencoder && x.L.Init == InitKind.ImageNet && x.L.Transfer == TransferMode.EncoderDecoder)
            .Select(x => x.MIoU * 100).ToList();
        Assert.Equal(3, want.Count);
        var cell = s.Table.Cells[row][col]!;
        Assert.Equal(want.Average(), cell.Mean, 9);
        Assert.Equal(want.Max() - want.Min(), cell.Spread, 9);
        Assert.Equal(3, cell.N);

        // "none" fills both UNet transfer columns with the same runs; DeepLabV3 on VGG has its own runs.
        var noneRow = s.Table.Rows.ToList().FindIndex(r => r.Encoder == "vgg16" && r.Strategy == Strategy.None);
        Assert.Equal(s.Table.Cells[noneRow][0]!.Mean, s.Table.Cells[noneRow][2]!.Mean);
        Assert.NotNull(s.Table.Cells[noneRow][4]);
        Assert.NotEqual(s.Table.Cells[noneRow][0]!.Mean, s.Table.Cells[noneRow][4]!.Mean);
        // A classifier cannot pass a decoder on: no 1-step classifier row exists, and 2-step classifier fills encoder+decoder.
        Assert.DoesNotContain(s.Table.Rows, r => r.Group == Pretext.Classifier && r.Strategy == Strategy.CheXpert);

        // The markdown shows the same cell.
        var md = File.ReadAllText(tmp.File("out/report.md"));
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"{want.Average():0.0} ± {want.Max() - want.Min():0.0} (n=3)"), md);
    }

    [Fact]
    public void ResultsCsvAndJson_CarryEveryRun()
    {
        using var tmp = new TempDir();
        var (grid, ws) = SmallWorkspace(tmp);
        ReportWriter.Write(new ReportOptions(Path.Combine(ws, "runs"), ws, tmp.File("out"), []));
        var raw = ReadRaw(ws);
        using var reader = new StreamReader(tmp.File("out/results.csv"));
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        var rows = 0;
        while (csv.Read())
        {
            rows++;
            var run = csv.GetField("run")!;
            using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(ws, "runs", run, "metrics.json")));
            Assert.Equal(doc.RootElement.GetProperty("mIoU").GetDouble(), double.Parse(csv.GetField("mIoU")!, CultureInfo.InvariantCulture));
            var lung = doc.RootElement.GetProperty("classes").EnumerateArray().First(c => c.GetProperty("name").GetString() == "Right Lung").GetProperty("iou").GetDouble();
            Assert.Equal(lung, double.Parse(csv.GetField("IoU Right Lung")!, CultureInfo.InvariantCulture));
            Assert.Equal("", csv.GetField("IoU Pneumothorax")); // n/a stays empty, never 0
        }
        Assert.Equal(raw.Count, rows);
        using var json = JsonDocument.Parse(File.ReadAllText(tmp.File("out/results.json")));
        Assert.Equal(raw.Count, json.RootElement.GetProperty("runs").GetArrayLength());
        Assert.Equal(6, json.RootElement.GetProperty("table3").GetProperty("columns").GetArrayLength());
    }

    [Fact]
    public void Html_IsSelfContained_WithChartsAndOverlays()
    {
        using var tmp = new TempDir();
        var (grid, ws) = SmallWorkspace(tmp);
        var overlay = tmp.File("pred.png");
        using (var bmp = new SkiaSharp.SKBitmap(8, 8))
        using (var data = bmp.Encode(SkiaSharp.SKEncodedImageFormat.Png, 100))
            File.WriteAllBytes(overlay, data.ToArray());
        var s = ReportWriter.Write(new ReportOptions(grid, ws, tmp.File("out"), [overlay], "Test report"));
        var html = File.ReadAllText(tmp.File("out/report.html"));
        var charts = s.Files.Where(f => f.StartsWith("charts/")).ToList();
        Assert.Equal(6, charts.Count); // 4 UNet columns + DeepLabV3 random/ImageNet
        foreach (var c in charts)
        {
            var png = File.ReadAllBytes(tmp.File("out/" + c));
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
            Assert.Contains(Convert.ToBase64String(png), html);
        }
        Assert.Contains(Convert.ToBase64String(File.ReadAllBytes(overlay)), html);
        Assert.DoesNotContain("src=\"charts/", html);
        Assert.DoesNotContain("src=\"http", html);
        Assert.Contains("<title>Test report</title>", html);
        Assert.Contains("Pneumothorax", html);
        Assert.Contains("n/a", html);
    }

    [Fact]
    public void MissingOrBadInput_IsNamed()
    {
        using var tmp = new TempDir();
        var e = Assert.Throws<UserFacingException>(() => ReportWriter.Write(new ReportOptions(tmp.File("nope"), tmp.Path, tmp.File("out"), [])));
        Assert.Contains("nope", e.Message);
        Directory.CreateDirectory(tmp.File("runs/r1"));
        File.WriteAllText(tmp.File("runs/r1/run.json"), JsonSerializer.Serialize(new PlanRunRecord("r1", "p", new RunLabels("unet", "resnet50", "none", "random", null, 0), [], new Dictionary<string, string>(), DateTime.UtcNow)));
        File.WriteAllText(tmp.File("runs/r1/metrics.json"), "{ \"classes\": [], \"mIoU\": 1.7 }");
        e = Assert.Throws<UserFacingException>(() => ReportWriter.Write(new ReportOptions(tmp.File("runs"), tmp.Path, tmp.File("out"), [])));
        Assert.Contains("metrics.json", e.Message);
        Assert.Contains("mIoU", e.Message);
    }

    [Fact]
    public void EncoderOnlyGrid_HasNoEncoderDecoderColumn()
    {
        using var tmp = new TempDir();
        var grid = ExperimentFixtures.WriteGrid(tmp.Path, "none, siim", repeats: 2);
        var ws = tmp.File("ws");
        GridRunner.Run(GridFile.Load(grid), ShardSpec.All, new PlanRunner(new Workspace(ws), new CountingExecutor()));
        var s = ReportWriter.Write(new ReportOptions(grid, ws, tmp.File("out"), []));
        Assert.Equal(["charts/miou-unet-enc-random.png"], s.Files.Where(f => f.StartsWith("charts/")));
        Assert.Equal("UNet encoder-only, random", Assert.Single(s.Table.Columns).Title);
        Assert.All(s.Table.Cells, line => Assert.Equal(2, line[0]!.N));
        var rec = JsonSerializer.Deserialize<PlanRunRecord>(File.ReadAllText(Path.Combine(ws, "runs", s.Runs[0].RunName, "run.json")))!;
        Assert.True(File.Exists(Path.Combine(ws, rec.FinalStageFolder!, "metrics.json")));
    }

    [Fact]
    public void CellStats_AreMeanAndBestMinusWorstInPercent()
    {
        var c = CellStats.Of([0.5, 0.6, 0.7])!;
        Assert.Equal(60, c.Mean, 9);
        Assert.Equal(20, c.Spread, 9);
        Assert.Equal(3, c.N);
        Assert.Null(CellStats.Of([]));
    }

    [Fact]
    public void PretrainingStages_GetTheirValidationCurvesOncePerSharedStage()
    {
        using var tmp = new TempDir();
        var (grid, ws) = SmallWorkspace(tmp);
        var written = new HashSet<string>();
        foreach (var d in Directory.GetDirectories(Path.Combine(ws, "runs")))
        {
            var rec = JsonSerializer.Deserialize<PlanRunRecord>(File.ReadAllText(Path.Combine(d, "run.json")))!;
            foreach (var stage in rec.Stages.Take(rec.Stages.Count - 1))
            {
                if (!written.Add(stage.Id)) continue;
                var (a, b) = stage.Task == "classify" ? (0.6, 0.7) : stage.Task == "segment" ? (0.2, 0.3) : (0.5, 0.4);
                CxrSeg.Runs.HistoryCsv.Write(Path.Combine(ws, "stages", stage.Id, "history.csv"),
                [
                    new CxrSeg.Runs.EpochRecord { Epoch = 1, ValLoss = stage.Task == "reconstruct" ? a : 1, ValMeanAuroc = stage.Task == "classify" ? a : null, ValMIoU = stage.Task == "segment" ? a : null },
                    new CxrSeg.Runs.EpochRecord { Epoch = 2, ValLoss = stage.Task == "reconstruct" ? b : 1, ValMeanAuroc = stage.Task == "classify" ? b : null, ValMIoU = stage.Task == "segment" ? b : null },
                ]);
            }
        }
        var s = ReportWriter.Write(new ReportOptions(grid, ws, tmp.File("out"), []));
        var md = File.ReadAllText(Path.Combine(tmp.File("out"), "report.md"));
        var rows = md.Split('\n').Where(l => System.Text.RegularExpressions.Regex.IsMatch(l, "^\\| [0-9a-f]{12} \\|")).ToList();
        Assert.Equal(written.Count, rows.Count); // each shared pretraining stage once
        Assert.All(rows.Where(r => r.Contains("| mean AUROC |")), r => Assert.EndsWith("| 2 | 0.7 |", r));
        Assert.All(rows.Where(r => r.Contains("| loss |")), r => Assert.EndsWith("| 2 | 0.4 |", r)); // best loss is the lowest
        Assert.All(rows.Where(r => r.Contains("| mIoU |")), r => Assert.EndsWith("| 2 | 0.3 |", r));
        Assert.Contains(rows, r => r.Contains("| loss |"));
        Assert.True(File.Exists(Path.Combine(tmp.File("out"), "charts", "pretraining-mean-auroc.png")));
        Assert.Contains("pretraining-loss.png", File.ReadAllText(Path.Combine(tmp.File("out"), "report.html")).Replace("data:image", "") + string.Join(",", s.Files));
    }
}
