using CxrSeg.Data.Cache;
using CxrSeg.Data.Nih14;
using CxrSeg.Data.Prepare;
using CxrSeg.Data.Stats;
using CxrSeg.Tests.Support;

namespace CxrSeg.Tests.Data.Nih14;

public sealed class Nih14Tests
{
    private static PrepareOptions Options(string dataset, string src, string ws) =>
        new() { Dataset = dataset, Source = src, Workspace = ws, Size = 32, Workers = 2 };

    [Fact]
    public void DataEntry_IsReadByPosition_AndRowsWithoutAnImageAreCounted()
    {
        using var t = new TempDir();
        Nih14Fixture.Write(t.Path);
        var ds = Nih14Reader.Read(t.Path);
        Assert.Equal(Nih14Fixture.Images, ds.Records.Select(r => r.ImageIndex));
        Assert.Equal(1, ds.RowsWithoutImage);
        var first = ds.Records[0];
        Assert.Equal(("1", "PA"), (first.PatientId, first.View));
        Assert.Equal(1f, first.Labels![Nih14Labels.All.ToList().IndexOf("Cardiomegaly")]);
        Assert.Equal(1f, first.Labels[Nih14Labels.All.ToList().IndexOf("Effusion")]);
        Assert.Equal(2, first.Labels.Sum());
        Assert.All(ds.Records[1].Labels!, v => Assert.Equal(0f, v)); // No Finding
        Assert.Equal(1f, ds.Records[3].Labels![Nih14Labels.All.ToList().IndexOf("Pleural_Thickening")]);
    }

    [Fact]
    public void Stats_CountLabelsNoFindingAndLeftOutRows()
    {
        using var t = new TempDir();
        Nih14Fixture.Write(t.Path);
        var table = DatasetStats.Compute("nih14", t.Path).Single();
        string Count(string label) => table.Rows.Single(r => r[0] == label)[1];
        Assert.Equal(("1", "1", "2", "0"), (Count("Cardiomegaly"), Count("Pneumonia"), Count("No Finding"), Count("Hernia")));
        Assert.Contains(table.Notes, n => n.StartsWith("6 images, 5 patients; views: AP 2, PA 4"));
        Assert.Contains(table.Notes, n => n.StartsWith("1 rows of Data_Entry_2017.csv have no image"));
    }

    [Fact]
    public void Prepare_WritesLabelsSplitByPatient_AndABadRowIsARejectNamingFileAndLine()
    {
        using var t = new TempDir();
        Nih14Fixture.Write(t.Path);
        var csv = Path.Combine(t.Path, "Data_Entry_2017.csv");
        File.WriteAllText(csv, File.ReadAllText(csv).Replace("00000004_000.png,No Finding", "00000004_000.png,Pneumonnia"));
        var r = PrepareJob.Run(Options("nih14", t.Path, Path.Combine(t.Path, "ws")));
        Assert.Equal((5, 1), (r.Images, r.Rejected));
        var rejects = File.ReadAllText(Path.Combine(r.Directory, "rejects.csv"));
        Assert.Contains("Data_Entry_2017.csv line 6", rejects);
        Assert.Contains("Pneumonnia", rejects);
        using var set = PreparedSet.Open(r.Directory);
        Assert.Equal(("nih14", TargetKind.Labels, 14), (set.Name, set.Target, set.ClassNames.Count));
        var subsets = new[] { set.Splits.Train, set.Splits.Validation, set.Splits.Test };
        Assert.Contains(subsets, s => s.Contains(0) && s.Contains(1)); // the two images of patient 1 stay together
    }

    [Fact]
    public void Prepare_ALabelFileThatIsNotNihsIsNamed()
    {
        using var t = new TempDir();
        Nih14Fixture.Write(t.Path);
        File.WriteAllText(Path.Combine(t.Path, "Data_Entry_2017.csv"), "Path,Sex\na.png,M\n");
        var e = Assert.Throws<UserFacingException>(() => PrepareJob.Run(Options("nih14", t.Path, Path.Combine(t.Path, "ws"))));
        Assert.Contains("Data_Entry_2017.csv", e.Message);
        Assert.Contains("Image Index", e.Message);
    }

    [Fact]
    public void ChestXDet_PolygonsAndBoxesAreScaledFromThe1024Space_AndLabelledPerSource()
    {
        using var t = new TempDir();
        Nih14Fixture.Write(t.Path);
        var r = PrepareJob.Run(Options("chestxdet", t.Path, Path.Combine(t.Path, "ws")));
        Assert.Equal((5, 0), (r.Images, r.Rejected)); // 3 ChestX-Det images (one with no finding) + 2 with NIH boxes
        using var set = PreparedSet.Open(r.Directory);
        Assert.Equal(ChestXDetClasses.All, set.ClassNames);
        int n = 32 * 32, c = set.ClassNames.Count;
        var ids = Enumerable.Range(0, set.Count).ToDictionary(set.Id);
        var mask = new byte[c * n];
        var labelled = new byte[c];

        // The Effusion square (512..768, 256..512 of 1024) on a 128² image prepared at 32²: columns 16..23, rows 8..15.
        set.CopyMask(ids["00000001_000.png"], mask);
        var effusion = mask.AsSpan(ChestXDetClasses.IndexOf("Effusion") * n, n);
        Assert.Equal(64, effusion.Count((byte)1));
        for (var y = 8; y < 16; y++) for (var x = 16; x < 24; x++) Assert.Equal(1, effusion[y * 32 + x]);
        set.CopyLabelled(ids["00000001_000.png"], labelled);
        Assert.All(ChestXDetClasses.ChestXDet, name => Assert.Equal(1, labelled[ChestXDetClasses.IndexOf(name)]));
        Assert.Equal(0, labelled[ChestXDetClasses.IndexOf("Pneumonia")]);

        // "No finding" from ChestX-Det: labelled for its 13 classes, nothing drawn.
        set.CopyMask(ids["00000001_001.png"], mask);
        Assert.True(mask.AsSpan().IndexOf((byte)1) < 0);

        // The NIH Pneumonia box: same square, its own channel, only that class labelled.
        set.CopyMask(ids["00000002_000.png"], mask);
        Assert.Equal(64, mask.AsSpan(ChestXDetClasses.IndexOf("Pneumonia") * n, n).Count((byte)1));
        set.CopyLabelled(ids["00000002_000.png"], labelled);
        Assert.Equal(1, labelled.Sum(b => b));
        // "Infiltrate" in BBox_List is the Infiltration channel.
        set.CopyLabelled(ids["00000003_000.png"], labelled);
        Assert.Equal(1, labelled[ChestXDetClasses.IndexOf("Infiltration")]);
    }

    [Fact]
    public void ChestXDet_ABadPolygonIsARejectNamingTheEntry_AndAPathInAFileNameIsLeftOut()
    {
        using var t = new TempDir();
        Nih14Fixture.Write(t.Path);
        var json = Path.Combine(t.Path, "chestxdet", "ChestX_Det_test.json");
        File.WriteAllText(json, """
            [{"file_name": "105.png", "syms": ["Consolidation"], "boxes": [[0, 0, 10, 10]], "polygons": [[[0, 0], [1024, 0]]]},
             {"file_name": "../../etc/passwd", "syms": [], "boxes": [], "polygons": []}]
            """);
        var r = PrepareJob.Run(Options("chestxdet", t.Path, Path.Combine(t.Path, "ws")));
        Assert.Equal((4, 1), (r.Images, r.Rejected));
        var rejects = File.ReadAllText(Path.Combine(r.Directory, "rejects.csv"));
        Assert.Contains("ChestX_Det_test.json entry 0", rejects);
        Assert.Contains("needs 3", rejects);
        Assert.Contains(r.Warnings, w => w.Contains("../../etc/passwd") && w.Contains("not a plain file name"));
    }

    [Theory]
    [InlineData("Data_Entry_2017.csv", "nih14")]
    [InlineData("BBox_List_2017.csv", "chestxdet")]
    [InlineData("chestxdet/ChestX_Det_train.json", "chestxdet")]
    public void ANamedPipeAsALabelFileIsRefusedByNameInsteadOfBlocking(string file, string dataset)
    {
        using var t = new TempDir();
        Nih14Fixture.Write(t.Path);
        var path = Path.Combine(t.Path, file);
        File.Delete(path);
        SpecialFiles.Fifo(path);
        var message = SpecialFiles.WithinMinutes(() =>
        {
            try { DatasetStats.Compute(dataset, t.Path); return "accepted"; }
            catch (UserFacingException e) { return e.Message; }
        }, 0.5);
        Assert.Contains(path, message);
        Assert.Contains("not a regular file", message);
    }

    [SkippableFact]
    public void SharedNih14_CountsMatchItsReadme()
    {
        var root = SharedData.Require("nih14");
        var labels = DatasetStats.Compute("nih14", root).Single();
        string Count(string label) => labels.Rows.Single(r => r[0] == label)[1];
        Assert.Equal(("500", "500", "187", "113", "3"), (Count("No Finding"), Count("Pneumonia"), Count("Infiltration"), Count("Atelectasis"), Count("Hernia")));
        Assert.Contains(labels.Notes, n => n.StartsWith("1000 images, 682 patients; views: AP 567, PA 433"));
        var det = DatasetStats.Compute("chestxdet", root).Single();
        Assert.Equal(314, det.Rows.Sum(r => int.Parse(r[1])));
        Assert.Equal(49, det.Rows.Sum(r => int.Parse(r[2])));
        Assert.Contains(det.Notes, n => n.StartsWith("152 images (120 annotated by ChestX-Det, 25 of them with no finding; 44 with NIH boxes)"));
    }
}
