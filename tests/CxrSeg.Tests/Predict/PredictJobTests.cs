using System.Text;
using System.Text.Json.Nodes;
using CsvHelper;
using CxrSeg.Data.Dicom;
using CxrSeg.Data.Images;
using CxrSeg.Predict;
using CxrSeg.Tests.Support;

namespace CxrSeg.Tests.Predict;

public sealed class PredictJobTests
{
    private static IReadOnlyList<Dictionary<string, string>> ReadSummary(string path)
    {
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, System.Globalization.CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        var rows = new List<Dictionary<string, string>>();
        while (csv.Read())
            rows.Add(csv.HeaderRecord!.ToDictionary(h => h, h => csv.GetField(h) ?? ""));
        return rows;
    }

    private static PredictJobResult Run(string inputs, string outDir, PredictOptions? options = null)
    {
        using var model = PredictFixtures.Brightness(classes: 2);
        return PredictJob.Run(model, InputScanner.Scan([inputs], outDir), outDir, options ?? new PredictOptions());
    }

    [Fact]
    public void Writes_masks_overlay_and_findings_at_the_original_size()
    {
        using var tmp = new TempDir();
        var input = Directory.CreateDirectory(tmp.File("in")).FullName;
        PngWriter.WriteGrey8(Path.Combine(input, "wide.png"), PredictFixtures.Rect(77, 31, 10, 5, 40, 25));
        Directory.CreateDirectory(Path.Combine(input, "sub"));
        PngWriter.WriteGrey8(Path.Combine(input, "sub", "tall.png"), PredictFixtures.Rect(23, 67, 2, 10, 20, 50));
        var outDir = tmp.File("out");

        var r = Run(input, outDir);

        Assert.Equal(2, r.Written);
        foreach (var (name, w, h, area) in new[] { ("wide", 77, 31, 30 * 20), ("sub__tall", 23, 67, 18 * 40) })
        {
            var dir = Path.Combine(outDir, name);
            var mask = SkiaImageDecoder.Decode(Path.Combine(dir, "mask_right-lung.png"));
            Assert.Equal((w, h), (mask.Width, mask.Height));
            var overlay = SkiaImageDecoder.ReadHeader(Path.Combine(dir, PredictionWriter.OverlayFile));
            // small images get an enlarged overlay (integer factor) so that the legend stays readable
            var k = overlay.Width / w;
            Assert.Equal((w * k, h * k), (overlay.Width, overlay.Height));
            Assert.True(Math.Max(overlay.Width, overlay.Height) >= PredictionWriter.MinOverlaySide);
            var json = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, PredictionWriter.FindingsFile)))!;
            var px = (long)json["classes"]![0]!["pixels"]!;
            Assert.Equal(mask.Pixels.Count(v => v == 255), px);
            Assert.InRange(px, area * 0.8, area * 1.2);
            Assert.Equal(100.0 * px / (w * h), (double)json["classes"]![0]!["percent"]!, 3);
        }
        var rows = ReadSummary(r.SummaryPath);
        Assert.Equal(["sub/tall.png", "wide.png"], rows.Select(x => x["input"]));
        Assert.All(rows, x => Assert.Equal("ok", x["status"]));
    }

    [Fact]
    public void Bad_files_are_reported_and_skipped_not_fatal()
    {
        using var tmp = new TempDir();
        var input = Directory.CreateDirectory(tmp.File("in")).FullName;
        PngWriter.WriteGrey8(Path.Combine(input, "a_good.png"), PredictFixtures.Rect(40, 30, 5, 5, 20, 20));
        File.WriteAllBytes(Path.Combine(input, "b_corrupt.png"), Encoding.ASCII.GetBytes("this is not a PNG at all"));
        var dicm = new byte[200];
        Encoding.ASCII.GetBytes("DICM").CopyTo(dicm, 128);
        File.WriteAllBytes(Path.Combine(input, "c_truncated.dcm"), dicm);
        File.WriteAllBytes(Path.Combine(input, "d_empty.jpg"), []);
        PngWriter.WriteGrey8(Path.Combine(input, "e_good.png"), PredictFixtures.Rect(30, 40, 5, 5, 20, 20));
        var outDir = tmp.File("out");

        var r = Run(input, outDir);

        Assert.Equal(2, r.Written);
        Assert.Equal(3, r.Failed);
        var rows = ReadSummary(r.SummaryPath).ToDictionary(x => x["input"]);
        Assert.Equal("ok", rows["a_good.png"]["status"]);
        Assert.Equal("ok", rows["e_good.png"]["status"]);
        foreach (var bad in new[] { "b_corrupt.png", "c_truncated.dcm", "d_empty.jpg" })
        {
            Assert.Equal("error", rows[bad]["status"]);
            Assert.False(string.IsNullOrWhiteSpace(rows[bad]["message"]), bad);
            Assert.False(Directory.Exists(Path.Combine(outDir, Path.GetFileNameWithoutExtension(bad))), bad);
        }
        Assert.True(File.Exists(Path.Combine(outDir, "e_good", PredictionWriter.FindingsFile)));
    }

    [Fact]
    public void Existing_outputs_are_not_overwritten_without_overwrite()
    {
        using var tmp = new TempDir();
        var input = Directory.CreateDirectory(tmp.File("in")).FullName;
        PngWriter.WriteGrey8(Path.Combine(input, "x.png"), PredictFixtures.Rect(40, 30, 5, 5, 20, 20));
        var outDir = tmp.File("out");
        Run(input, outDir);
        var mask = Path.Combine(outDir, "x", "mask_right-lung.png");
        File.WriteAllText(mask, "user's own file");
        File.Delete(Path.Combine(outDir, PredictionWriter.SummaryFile));

        var e = Assert.Throws<UserFacingException>(() => Run(input, outDir));
        Assert.Contains("mask_right-lung.png", e.Message);
        Assert.Contains("--overwrite", e.Message);
        Assert.Equal("user's own file", File.ReadAllText(mask));

        Run(input, outDir, new PredictOptions { Overwrite = true });
        Assert.Equal(40, SkiaImageDecoder.Decode(mask).Width);
        Assert.Throws<UserFacingException>(() => Run(input, outDir)); // summary.csv exists now
    }

    private sealed class CancelAfterFirst(CancellationTokenSource cts) : IPredictObserver
    {
        public int Seen;
        public void OnImage(PredictRow row)
        {
            Seen++;
            cts.Cancel();
        }
    }

    [Fact]
    public void Cancelling_stops_the_job_without_a_summary_and_every_written_image_is_complete()
    {
        using var tmp = new TempDir();
        var input = Directory.CreateDirectory(tmp.File("in")).FullName;
        for (var i = 0; i < 12; i++) PngWriter.WriteGrey8(Path.Combine(input, $"i{i:00}.png"), PredictFixtures.Rect(40, 30, 5, 5, 20, 20));
        var outDir = tmp.File("out");
        using var cts = new CancellationTokenSource();
        var observer = new CancelAfterFirst(cts);
        using var model = PredictFixtures.Brightness(classes: 2);

        Assert.ThrowsAny<OperationCanceledException>(() =>
            PredictJob.Run(model, InputScanner.Scan([input], outDir), outDir, new PredictOptions { BatchSize = 1 }, observer, cts.Token));

        Assert.False(File.Exists(Path.Combine(outDir, PredictionWriter.SummaryFile)));
        var done = Directory.GetDirectories(outDir).Where(d => File.Exists(Path.Combine(d, PredictionWriter.FindingsFile))).ToArray();
        Assert.InRange(done.Length, 1, 11); // stopped early; images the writer had taken are finished
        Assert.Equal(done.Length, observer.Seen);
        Assert.All(done, d => Assert.Equal(2 + 2, Directory.GetFiles(d).Length)); // 2 masks, overlay, findings
        Assert.Empty(Directory.GetFiles(outDir, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void Skip_existing_resumes_only_the_incomplete_images()
    {
        using var tmp = new TempDir();
        var input = Directory.CreateDirectory(tmp.File("in")).FullName;
        PngWriter.WriteGrey8(Path.Combine(input, "x.png"), PredictFixtures.Rect(40, 30, 5, 5, 20, 20));
        PngWriter.WriteGrey8(Path.Combine(input, "y.png"), PredictFixtures.Rect(40, 30, 5, 5, 20, 20));
        var outDir = tmp.File("out");
        Run(input, outDir);
        File.Delete(Path.Combine(outDir, "y", PredictionWriter.FindingsFile)); // as if killed while writing y

        var r = Run(input, outDir, new PredictOptions { SkipExisting = true });
        var x = r.Rows.Single(x => x.Input == "x.png");
        Assert.Equal(PredictRow.Skipped, x.Status);
        Assert.True(x.Findings is not null && x.Width == 40, "a resumed image keeps its areas in summary.csv");
        Assert.Equal(PredictRow.Ok, r.Rows.Single(x => x.Input == "y.png").Status);
        Assert.True(File.Exists(Path.Combine(outDir, "y", PredictionWriter.FindingsFile)));
    }

    [Fact]
    public void Skip_existing_refuses_outputs_of_another_model_and_damaged_findings()
    {
        using var tmp = new TempDir();
        var input = Directory.CreateDirectory(tmp.File("in")).FullName;
        PngWriter.WriteGrey8(Path.Combine(input, "x.png"), PredictFixtures.Rect(40, 30, 5, 5, 20, 20));
        var outDir = tmp.File("out");
        Run(input, outDir);
        var findings = Path.Combine(outDir, "x", PredictionWriter.FindingsFile);
        File.WriteAllText(findings, File.ReadAllText(findings).Replace("\"memory\"", "\"runs/other/checkpoint_best\""));
        var e = Assert.Throws<UserFacingException>(() => Run(input, outDir, new PredictOptions { SkipExisting = true }));
        Assert.Contains("runs/other/checkpoint_best", e.Message);
        File.WriteAllText(findings, "{ \"model\": \"memory\" }");
        Assert.Contains("damaged", Assert.Throws<UserFacingException>(() => Run(input, outDir, new PredictOptions { SkipExisting = true })).Message);
    }

    [Fact]
    public void No_identifying_dicom_field_reaches_any_output()
    {
        GdcmRuntimeCheck();
        using var tmp = new TempDir();
        var input = Directory.CreateDirectory(tmp.File("in")).FullName;
        const string secret = "PHANTOM-SECRET-7731";
        var img = PredictFixtures.Rect(48, 40, 10, 10, 30, 30);
        DicomWriter.Write(Path.Combine(input, "study.dcm"), img.Pixels.Select(v => (ushort)(v * 16)).ToArray(), 48, 40,
            new DicomWriteOptions { PatientId = secret, StudyDateTime = new DateTime(2020, 1, 2) });
        var outDir = tmp.File("out");

        var r = Run(input, outDir);

        Assert.Equal(1, r.Written);
        var needle = Encoding.ASCII.GetBytes(secret);
        foreach (var f in Directory.EnumerateFiles(outDir, "*", SearchOption.AllDirectories))
        {
            var bytes = File.ReadAllBytes(f);
            Assert.True(bytes.AsSpan().IndexOf(needle) < 0, $"{f} holds the patient id");
            Assert.DoesNotContain("20200102", Encoding.Latin1.GetString(bytes));
        }
    }

    [Fact]
    public void Folders_are_searched_recursively_and_the_output_folder_is_left_out()
    {
        using var tmp = new TempDir();
        var input = Directory.CreateDirectory(tmp.File("in")).FullName;
        Directory.CreateDirectory(Path.Combine(input, "a"));
        Directory.CreateDirectory(Path.Combine(input, "out"));
        File.WriteAllBytes(Path.Combine(input, "a", "p.png"), [1]);
        File.WriteAllBytes(Path.Combine(input, "p.jpg"), [1]);
        File.WriteAllBytes(Path.Combine(input, "p.png"), [1]);
        File.WriteAllBytes(Path.Combine(input, "notes.txt"), [1]);
        File.WriteAllBytes(Path.Combine(input, ".hidden.png"), [1]);
        File.WriteAllBytes(Path.Combine(input, "out", "old.png"), [1]);

        var found = InputScanner.Scan([input], Path.Combine(input, "out"));

        Assert.Equal(["a/p.png", "p.jpg", "p.png"], found.Select(f => f.Display));
        Assert.Equal(["a__p", "p_jpg", "p_png"], found.Select(f => f.OutputName));
        Assert.Throws<UserFacingException>(() => InputScanner.Scan([tmp.File("missing")]));
    }

    private static void GdcmRuntimeCheck() => CxrSeg.Platform.GdcmRuntime.Initialize();
}
