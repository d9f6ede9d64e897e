using System.Text;
using CxrSeg.Data.Dicom;
using CxrSeg.Data.ImageFiles;
using CxrSeg.Data.Images;
using CxrSeg.Data.Prepare;
using CxrSeg.Data.Stats;
using CxrSeg.Predict;
using CxrSeg.Reliability;
using CxrSeg.Tests.Data.Ccxs;
using CxrSeg.Tests.Data.Images;
using CxrSeg.Tests.Predict;
using CxrSeg.Tests.Support;

namespace CxrSeg.Tests.Reliability;

/// <summary>
/// Issue 19, "done when": predict, prepare, stats, inspect and convert finish a folder that mixes good files with every
/// bad kind of the hostile corpus, doing the good ones and reporting each bad one — never dying, hanging or reading
/// outside the dataset.
/// </summary>
public sealed class MixedFolderJobTests
{
    [Fact]
    public void Predict_FinishesTheGoodImages_AndReportsEachBadOne()
    {
        using var t = new TempDir();
        var corpus = HostileCorpus.Generate(t.File("corpus"));
        var inputs = new[] { "images", "dicom", "special" }.Select(d => Path.Combine(corpus.Root, d)).ToArray();
        var outDir = t.File("out");
        var images = InputScanner.Scan(inputs, outDir);
        using var model = PredictFixtures.Brightness();

        var r = SpecialFiles.WithinMinutes(() => PredictJob.Run(model, images, outDir, new PredictOptions { Overlays = false }));

        var byPath = r.Rows.Zip(images).ToDictionary(x => Path.GetFullPath(x.Second.Path), x => x.First);
        var imageCases = corpus.Cases.Where(c => c.Action == HostileAction.LoadImage && byPath.ContainsKey(Path.GetFullPath(c.Input))).ToArray();
        Assert.True(imageCases.Length > 150, $"{imageCases.Length} corpus files reached predict");
        foreach (var c in imageCases)
        {
            var row = byPath[Path.GetFullPath(c.Input)];
            if (c.Expect == HostileExpect.Survive) Assert.True(row.Status is PredictRow.Ok or PredictRow.Error, $"{c.Id}: {row.Status}");
            else Assert.True((c.Expect == HostileExpect.Accept ? PredictRow.Ok : PredictRow.Error) == row.Status, $"{c.Id}: {row.Status} {row.Message}");
        }
        Assert.True(File.Exists(r.SummaryPath));
        Assert.False(File.Exists(Path.Combine(outDir, ".cxrseg.lock")), "the output lock is released");
    }

    [Fact]
    public void InspectAndConvert_RefuseEachBadFile_WithItsName_AndHandleEachGoodOne()
    {
        using var t = new TempDir();
        var corpus = HostileCorpus.Generate(t.File("corpus"));
        var outDir = Directory.CreateDirectory(t.File("png")).FullName;
        int n = 0;
        foreach (var c in corpus.Cases.Where(c => c.Action == HostileAction.LoadImage))
        {
            var png = Path.Combine(outDir, $"{n}.png");
            var rawPng = Path.Combine(outDir, $"{n++}-raw.png");
            foreach (var act in new Action[] { () => ImageInspector.Inspect(c.Input), () => ImageInspector.ConvertToPng(c.Input, png, raw: false), () => ImageInspector.ConvertToPng(c.Input, rawPng, raw: true) })
            {
                var error = SpecialFiles.WithinMinutes(() =>
                {
                    try { act(); return null; }
                    catch (UserFacingException e) { return e.Message; }
                }, 0.5);
                if (c.Expect == HostileExpect.Accept) Assert.True(error is null, $"{c.Id}: {error}");
                else if (c.Expect == HostileExpect.Survive) Assert.True(error is null || error.Contains(Path.GetFileName(c.Input), StringComparison.Ordinal), $"{c.Id}: {error}");
                else Assert.True(error is not null && error.Contains(Path.GetFileName(c.Input), StringComparison.Ordinal), $"{c.Id}: {error ?? "accepted"}");
            }
        }
    }

    [Fact]
    public void PrepareAndStatsCcxs_RejectEachBadItem_RefuseRowsLeavingTheDataset_AndFinishTheRest()
    {
        using var t = new TempDir();
        var src = t.File("ccxs");
        var outside = t.File("outside.png");
        ImageFixtures.Grey(outside, 40, 30, (x, y) => 200);
        CcxsFixture.Write(src, 12, csv =>
        {
            var head = "1,,\"x\",\"Right Lung\",,";
            csv.Append($"{head}\"../../outside.png\",i,t,,40x30,0,0,4,4,,\"u\",0,0,4,4,\n");
            csv.Append($"{head}\"{outside}\",i,t,,40x30,0,0,4,4,,\"u\",0,0,4,4,\n");
            csv.Append($"{head}\"img00.png\",i,t,../outside.png,40x30,0,0,4,4,,\"u\",0,0,4,4,\n");
            csv.Append($"{head}\"img00.png\",i,t,,40x30,0,-1e12,4,4,,\"u\",0,0,4,4,\n");
        });
        var bad = new Dictionary<string, string>
        {
            ["img03.png"] = "named pipe", ["img04.jpg"] = "img04.jpg", ["img05.jpeg"] = "limit", ["img06.png"] = "outside the dataset", ["img07.jpg"] = "outside the dataset",
        };
        SpecialFiles.Fifo(Path.Combine(src, "images", "img03.png"));
        var jpg = File.ReadAllBytes(Path.Combine(src, "images", "img04.jpg"));
        File.WriteAllBytes(Path.Combine(src, "images", "img04.jpg"), jpg[..(jpg.Length / 2)]);
        var corpus = HostileCorpus.Generate(t.File("corpus"));
        File.Copy(Path.Combine(corpus.Root, "images", "declared-20000x20000.png"), Path.Combine(src, "images", "img05.jpeg"), overwrite: true);
        File.Delete(Path.Combine(src, "images", "img06.png"));
        File.CreateSymbolicLink(Path.Combine(src, "images", "img06.png"), "/dev/zero");
        File.Delete(Path.Combine(src, "images", "img07.jpg"));
        File.CreateSymbolicLink(Path.Combine(src, "images", "img07.jpg"), outside);

        var stats = SpecialFiles.WithinMinutes(() => DatasetStats.Compute("ccxs", src));
        Assert.Contains(stats[0].Notes, n => n.Contains("leaves the dataset folder") && n.Contains("Filename"));
        Assert.Contains(stats[0].Notes, n => n.Contains("is absolute"));
        Assert.Contains(stats[0].Notes, n => n.Contains("field 'Mask'"));
        Assert.Contains(stats[0].Notes, n => n.Contains("bad Left/Top/Width/Height"));

        var r = SpecialFiles.WithinMinutes(() => PrepareJob.Run(new PrepareOptions { Dataset = "ccxs", Source = src, Workspace = t.File("ws"), Size = 32, Workers = 2 }));

        Assert.Equal((7, 5), (r.Images, r.Rejected));
        foreach (var (file, words) in bad)
        {
            var reject = Assert.Single(r.Rejects, x => x.Id == file);
            Assert.Contains(words, reject.Reason);
        }
        Assert.DoesNotContain(Directory.EnumerateFiles(r.Directory, "*", SearchOption.AllDirectories), f => Path.GetFileName(f).EndsWith(".tmp", StringComparison.Ordinal));
    }

    [Fact]
    public void PrepareAndStatsSiim_RejectHostileDicoms_AndDeepBoxes_AndFinishTheRest()
    {
        using var t = new TempDir();
        var root = t.File("siim");
        var corpus = HostileCorpus.Generate(t.File("corpus"));
        var imageRows = new StringBuilder("id,boxes,label,StudyInstanceUID\n");
        var studyRows = new StringBuilder("id,Negative for Pneumonia,Typical Appearance,Indeterminate Appearance,Atypical Appearance\n");
        var hostile = new[] { "truncated-native-20.dcm", "photometric-PALETTE-COLOR.dcm", "sequences-nested-200000.dcm", "length-00280010-fffffff0.dcm", "slope-nan.dcm" };
        for (int i = 0; i < 10; i++)
        {
            string study = $"1.2.9.{i}", series = study + ".1", sop = series + ".1";
            var dir = Path.Combine(root, "train", study, series);
            Directory.CreateDirectory(dir);
            var path = Path.Combine(dir, sop + ".dcm");
            var px = Enumerable.Range(0, 32 * 24).Select(k => (ushort)(k * 5 % 4096)).ToArray();
            DicomWriter.Write(path, px, 32, 24, new DicomWriteOptions { PatientId = $"PAT-{i / 2}", StudyInstanceUid = study, SeriesInstanceUid = series, SopInstanceUid = sop });
            if (i < hostile.Length) File.Copy(Path.Combine(corpus.Root, "dicom", hostile[i]), path, overwrite: true);
            if (i == 5) SpecialFiles.Fifo(path);
            if (i == 8) { File.Delete(path); File.CreateSymbolicLink(path, Path.Combine(corpus.Root, "dicom", "good-16bit.dcm")); }
            var boxes = i == 6 ? new string('[', 200_000) : "[{'x': 1, 'y': 1, 'width': 5, 'height': 5}]";
            imageRows.Append($"{sop}_image,\"{boxes}\",opacity 1 1 1 6 6,{study}\n");
            studyRows.Append($"{study}_study,0,1,0,0\n");
        }
        imageRows.Append($"1.2.9.7.1.1_image,\"[]\",none 1 0 0 1 1,1.2.9.7\n"); // a duplicate row
        File.WriteAllText(Path.Combine(root, "train_image_level.csv"), imageRows.ToString());
        File.WriteAllText(Path.Combine(root, "train_study_level.csv"), studyRows.ToString());

        var stats = SpecialFiles.WithinMinutes(() => DatasetStats.Compute("siim", root));
        Assert.Contains(stats[0].Notes, n => n.Contains("nested"));
        Assert.Contains(stats[0].Notes, n => n.Contains("repeats"));
        Assert.Contains(stats[0].Notes, n => n.Contains("outside the dataset folder"));

        var r = SpecialFiles.WithinMinutes(() => PrepareJob.Run(new PrepareOptions { Dataset = "siim", Source = root, Workspace = t.File("ws"), Size = 32, Workers = 2 }));

        Assert.Equal((2, 7), (r.Images, r.Rejected));
        Assert.Contains(r.Rejects, x => x.Id == "1.2.9.8.1.1" && x.Reason.Contains("not found"));
        Assert.Contains(r.Rejects, x => x.Reason.Contains("named pipe"));
        Assert.Contains(r.Rejects, x => x.Reason.Contains("colour"));
        Assert.Contains(r.Rejects, x => x.Reason.Contains("nested"));
        Assert.Contains(r.Rejects, x => x.Reason.Contains("Rescale Slope"));
        // the pseudonym key lives beside the workspace's caches, never inside one
        var key = File.ReadAllText(PseudonymKey.PathFor(t.File("ws"))).Trim();
        Assert.False(CxrSeg.Platform.RealPath.IsInside(r.Directory, PseudonymKey.PathFor(t.File("ws"))));
        foreach (var f in Directory.EnumerateFiles(r.Directory, "*.json").Concat(Directory.EnumerateFiles(r.Directory, "*.csv")))
            Assert.DoesNotContain(key, File.ReadAllText(f));
    }

    [Fact]
    public void PrepareAndStatsCheXpert_RefusePathsLeavingTheDataset_SpecialFiles_AndDuplicates()
    {
        using var t = new TempDir();
        var root = t.File("chexpert");
        var dir = Path.Combine(root, "CheXpert-v1.0-small");
        var outside = t.File("outside.jpg");
        ImageFixtures.Grey(outside, 30, 30, (x, y) => 99);
        string Rel(int p) => $"CheXpert-v1.0-small/train/patient{p:D5}/study1/view1_frontal.jpg";
        var lines = new List<string> { string.Join(",", CxrSeg.Data.CheXpert.CheXpertLabels.CsvColumns) };
        string Row(string path) => $"{path},Female,68,Frontal,AP,1.0,,,,,,,,,,,,,";
        for (int p = 1; p <= 6; p++)
        {
            var file = Path.Combine(root, Rel(p));
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            if (p <= 4) ImageFixtures.Grey(file, 30 + p, 30, (x, y) => (byte)(x * 4));
            else if (p == 5) File.CreateSymbolicLink(file, outside);
            else SpecialFiles.Fifo(file);
            lines.Add(Row(Rel(p)));
        }
        lines.Add(Row("CheXpert-v1.0-small/../../outside.jpg"));
        lines.Add(Row(Rel(1)));
        File.WriteAllLines(Path.Combine(dir, "train.csv"), lines);

        var stats = SpecialFiles.WithinMinutes(() => DatasetStats.Compute("chexpert", root));
        Assert.Contains(stats[0].Notes, n => n.Contains("climbs out"));
        Assert.Contains(stats[0].Notes, n => n.Contains("repeats"));

        var r = SpecialFiles.WithinMinutes(() => PrepareJob.Run(new PrepareOptions { Dataset = "chexpert", Source = root, Workspace = t.File("ws"), Size = 16, Workers = 2 }));

        Assert.Equal((4, 2), (r.Images, r.Rejected));
        Assert.Contains("outside the dataset", Assert.Single(r.Rejects, x => x.Id == Rel(5)).Reason);
        Assert.Contains("named pipe", Assert.Single(r.Rejects, x => x.Id == Rel(6)).Reason);
    }
}
