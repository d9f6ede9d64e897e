using CxrSeg.Data.Cache;
using CxrSeg.Data.ImageFiles;
using CxrSeg.Data.Images;
using CxrSeg.Data.Jsrt;
using CxrSeg.Data.MaskFolders;
using CxrSeg.Data.Prepare;
using CxrSeg.Data.Stats;
using CxrSeg.Tests.Support;

namespace CxrSeg.Tests.Data.MaskFolders;

public sealed class MaskFolderTests
{
    private static PrepareOptions Options(string dataset, string src, string ws) =>
        new() { Dataset = dataset, Source = src, Workspace = ws, Size = 32, Workers = 2 };

    [Fact]
    public void Jsrt_PaletteImagesDecodeThroughTheirInvertedPalette()
    {
        using var t = new TempDir();
        var ids = MaskFolderFixtures.WriteJsrt(t.Path, 2);
        var ds = JsrtReader.Read(t.Path);
        var grey = GreyImageLoader.Load(ds.Items[0].ImagePath);
        Assert.Equal(MaskFolderFixtures.Radiograph(0), grey.Pixels); // the radiograph, not its negative
        Assert.Equal(ids[0], ds.Items[0].PatientId);
        Assert.Equal(ids[0] + ".IMG.png", ds.Items[0].Id);
    }

    [Fact]
    public void Jsrt_StatsCountMasksAndTheMissingOneIsUnlabelled()
    {
        using var t = new TempDir();
        MaskFolderFixtures.WriteJsrt(t.Path, 4);
        var table = DatasetStats.Compute("jsrt", Path.Combine(t.Path, "JSRT")).Single(); // JSRT/ itself is accepted too
        Assert.Equal(JsrtReader.Classes, table.Rows.Select(r => r[0]));
        Assert.Equal(["4", "4", "4", "4", "3"], table.Rows.Select(r => r[1]));
        Assert.Equal(["4", "4", "4", "4", "3"], table.Rows.Select(r => r[2]));
        Assert.Equal(["0", "0", "0", "0", "1"], table.Rows.Select(r => r[3]));
        Assert.Contains(table.Notes, n => n.Contains("JPCLN004.IMG.png") && n.Contains("left_clavicle"));
    }

    [Fact]
    public void Jsrt_PrepareKeepsLeftAndRightAndFlagsTheUnlabelledClass()
    {
        using var t = new TempDir();
        MaskFolderFixtures.WriteJsrt(t.Path, 4);
        var r = PrepareJob.Run(Options("jsrt", t.Path, Path.Combine(t.Path, "ws")));
        Assert.Equal((4, 0), (r.Images, r.Rejected));
        using var set = PreparedSet.Open(r.Directory);
        Assert.Equal(("jsrt", 5, TargetKind.Mask), (set.Name, set.ClassNames.Count, set.Target));
        var mask = new byte[5 * 32 * 32];
        set.CopyMask(0, mask);
        double CentroidX(int c)
        {
            var plane = mask.AsSpan(c * 1024, 1024);
            double sum = 0, n = 0;
            for (var i = 0; i < 1024; i++) if (plane[i] == 1) { sum += i % 32; n++; }
            return sum / n;
        }
        Assert.True(CentroidX(0) < 16 && CentroidX(1) > 16, "the right lung is on the image's left, the left lung on its right");
        var flags = new byte[5];
        set.CopyLabelled(3, flags);
        Assert.Equal(new byte[] { 1, 1, 1, 1, 0 }, flags);
        Assert.Equal(4, set.Splits.Train.Count + set.Splits.Validation.Count + set.Splits.Test.Count);
    }

    [Fact]
    public void Jsrt_ACorruptedCopyRejectsTheBadItemsByNameAndPreparesTheRest()
    {
        using var t = new TempDir();
        var ids = MaskFolderFixtures.WriteJsrt(t.Path, 4);
        var images = Path.Combine(t.Path, "JSRT", "jsrt_images", "images");
        var truncated = Path.Combine(images, ids[0] + ".IMG.png");
        File.WriteAllBytes(truncated, File.ReadAllBytes(truncated)[..40]);
        var wrongSize = Path.Combine(t.Path, "JSRT", "masks", "masks", "heart_png", ids[1] + ".png");
        PngWriter.WriteGrey8(wrongSize, MaskFolderFixtures.Disc(10, 10, 5, 48, 48));
        var r = PrepareJob.Run(Options("jsrt", t.Path, Path.Combine(t.Path, "ws")));
        Assert.Equal((2, 2), (r.Images, r.Rejected));
        var rejects = File.ReadAllText(Path.Combine(r.Directory, "rejects.csv"));
        Assert.Contains(ids[0] + ".IMG.png", rejects);
        Assert.Contains("48x48", rejects);
        Assert.Contains("heart_png", rejects);
    }

    [Fact]
    public void OwnMasks_AnImageLinkedFromOutsideTheDatasetIsARejectAndNothingOutsideIsRead()
    {
        using var t = new TempDir();
        var root = Path.Combine(t.Path, "own");
        MaskFolderFixtures.WriteOwnMasks(root);
        var outside = Path.Combine(t.Path, "outside.png");
        File.Move(Path.Combine(root, "images", "b.png"), outside);
        File.CreateSymbolicLink(Path.Combine(root, "images", "b.png"), outside);
        var r = PrepareJob.Run(Options("masks", root, Path.Combine(t.Path, "ws")));
        Assert.Equal((3, 1), (r.Images, r.Rejected));
        Assert.Contains("outside the dataset folder", File.ReadAllText(Path.Combine(r.Directory, "rejects.csv")));
    }

    [Fact]
    public void Jsrt_AFolderWithoutItsLayoutSaysWhatWasExpected()
    {
        using var t = new TempDir();
        Assert.Contains("jsrt_images", Assert.Throws<UserFacingException>(() => JsrtReader.Read(t.Path)).Message);
    }

    [Fact]
    public void OwnMasks_FollowClassesJsonAndPatientsCsv_AndAMissingMaskLeavesTheClassUnlabelled()
    {
        using var t = new TempDir();
        MaskFolderFixtures.WriteOwnMasks(t.Path);
        var ds = MaskFolderReader.Read(t.Path);
        Assert.Equal(["lesion", "lung"], ds.ClassNames);
        Assert.Equal(["a.png", "b.png", "c.jpg", "sub/d.png"], ds.Items.Select(i => i.Id));
        Assert.Equal(["P1", "P1", "P2", "P3"], ds.Items.Select(i => i.PatientId));

        var r = PrepareJob.Run(Options("masks", t.Path, Path.Combine(t.Path, "ws")));
        Assert.Equal((4, 0), (r.Images, r.Rejected));
        using var set = PreparedSet.Open(r.Directory);
        Assert.Equal(("masks", 2), (set.Name, set.ClassNames.Count));
        var flags = new byte[2];
        var mask = new byte[2 * 1024];
        set.CopyLabelled(0, flags);
        set.CopyMask(0, mask);
        Assert.Equal(new byte[] { 1, 1 }, flags);
        Assert.True(mask.AsSpan(0, 1024).IndexOf((byte)1) >= 0, "a's lesion is drawn");
        set.CopyLabelled(1, flags);
        set.CopyMask(1, mask);
        Assert.Equal(new byte[] { 1, 1 }, flags);
        Assert.True(mask.AsSpan(0, 1024).IndexOf((byte)1) < 0, "b's lesion mask is empty: labelled absent");
        set.CopyLabelled(2, flags);
        Assert.Equal(new byte[] { 0, 1 }, flags); // c has no lesion file: unlabelled
        // a and b share patient P1, so they are in the same subset.
        var subsets = new[] { set.Splits.Train, set.Splits.Validation, set.Splits.Test };
        Assert.Contains(subsets, s => s.Contains(0) && s.Contains(1));
    }

    [Theory]
    [InlineData("""{"classes": ["../lung"]}""", "not a plain folder name")]
    [InlineData("""{"classes": ["lung", "lung"]}""", "listed twice")]
    [InlineData("""{"classes": ["heart"]}""", "has no folder")]
    [InlineData("""{"classes": 3}""", "non-empty list")]
    [InlineData("""{"classes": [""", "not valid JSON")]
    public void OwnMasks_ABadClassesJsonIsNamed(string json, string expected)
    {
        using var t = new TempDir();
        MaskFolderFixtures.WriteOwnMasks(t.Path);
        File.WriteAllText(Path.Combine(t.Path, "classes.json"), json);
        var e = Assert.Throws<UserFacingException>(() => MaskFolderReader.Read(t.Path));
        Assert.Contains("classes.json", e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void OwnMasks_ANamedPipeAsClassesJsonIsRefusedByNameInsteadOfBlocking()
    {
        using var t = new TempDir();
        MaskFolderFixtures.WriteOwnMasks(t.Path);
        var path = Path.Combine(t.Path, "classes.json");
        File.Delete(path);
        SpecialFiles.Fifo(path);
        var message = SpecialFiles.WithinMinutes(() =>
        {
            try { MaskFolderReader.Read(t.Path); return "accepted"; }
            catch (UserFacingException e) { return e.Message; }
        }, 0.5);
        Assert.Contains(path, message);
        Assert.Contains("not a regular file", message);
    }

    [Fact]
    public void OwnMasks_AJpegMaskIsRejectedAsLossy_AndAnImageWithoutAnyMaskIsLeftOutWithAWarning()
    {
        using var t = new TempDir();
        MaskFolderFixtures.WriteOwnMasks(t.Path);
        var lung = Path.Combine(t.Path, "masks", "lung");
        File.Delete(Path.Combine(lung, "sub", "d.png"));
        File.Copy(Path.Combine(t.Path, "images", "c.jpg"), Path.Combine(t.Path, "images", "e.jpg"));
        var ds = MaskFolderReader.Read(t.Path);
        Assert.DoesNotContain(ds.Items, i => i.Id == "sub/d.png" || i.Id == "e.jpg");
        Assert.Contains(ds.Warnings, w => w.StartsWith("sub/d.png") && w.Contains("no mask"));
        var e = Assert.Throws<UserFacingException>(() => BinaryMaskFile.Read(Path.Combine(t.Path, "images", "c.jpg"), 64, 64));
        Assert.Contains("lossless", e.Message);
    }

    [SkippableFact]
    public void SharedJsrt_HasFiveMasksForEach247Images()
    {
        var root = SharedData.Require("jsrt");
        var table = DatasetStats.Compute("jsrt", root).Single();
        Assert.All(table.Rows, r => Assert.Equal(("247", "247", "0"), (r[1], r[2], r[3])));
        Assert.Contains(table.Notes, n => n.StartsWith("247 images, 247 patients, 1235 mask files"));
    }
}
