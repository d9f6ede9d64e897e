using CxrSeg.Data.Cache;
using CxrSeg.Data.Ccxs;
using CxrSeg.Data.Prepare;
using CxrSeg.Tests.Data.Ccxs;
using CxrSeg.Tests.Support;

namespace CxrSeg.Tests.Data.Prepare;

public sealed class CcxsPrepareTests
{
    private static PrepareOptions Options(string src, string ws) =>
        new() { Dataset = "ccxs", Source = src, Workspace = ws, Size = 32, Workers = 2 };

    [Fact]
    public void Prepare_WritesACacheThatOpensWithMasksLabelledFlagsAndThePaperSplit()
    {
        using var t = new TempDir();
        var src = Path.Combine(t.Path, "ccxs");
        CcxsFixture.Write(src);
        var r = PrepareJob.Run(Options(src, Path.Combine(t.Path, "ws")));
        Assert.Equal((12, 0), (r.Images, r.Rejected));
        using var set = PreparedSet.Open(r.Directory);
        Assert.Equal((12, 32, 13, TargetKind.Mask), (set.Count, set.Size, set.ClassNames.Count, set.Target));
        var mask = new byte[13 * 32 * 32];
        set.CopyMask(0, mask);
        Assert.All(mask, v => Assert.True(v is 0 or 1));
        Assert.True(mask.AsSpan(0, 1024).Count((byte)1) > 0, "right lung drawn");
        var flags = new byte[13];
        set.CopyLabelled(5, flags);
        Assert.Equal(0, flags[10]);
        Assert.Equal(1, flags[0]);
        var img = new byte[1024];
        set.CopyImage(1, img);
        Assert.True(img.Max() > 0);
        // Split (12 images → 6 test): Pneumothorax image (0) in training, every other drawn class covered by the test set.
        Assert.Equal(6, set.Splits.Test.Count);
        Assert.Contains(0, set.Splits.Train);
        Assert.Equal(6, set.Splits.Train.Count);
        foreach (var cls in new[] { 0, 1, 2, 3, 4, 5, 6, 8 })
            Assert.Contains(set.Splits.Test, i => { set.CopyMask(i, mask); return mask.AsSpan(cls * 1024, 1024).IndexOf((byte)1) >= 0; });
        Assert.Contains("testImagesSharingPatientWithTrain_paper", r.SplitFacts.Keys);
        Assert.True(File.Exists(Path.Combine(r.Directory, "rejects.csv")));
        // A second identical run reuses the folder.
        Assert.True(PrepareJob.Run(Options(src, Path.Combine(t.Path, "ws"))).Reused);
    }

    [Fact]
    public void BadItems_GoToRejectsCsv_AndTheJobGoesOn()
    {
        using var t = new TempDir();
        var src = Path.Combine(t.Path, "ccxs");
        CcxsFixture.Write(src, 13);
        var img = Path.Combine(src, "images", CcxsFixture.FileName(7));
        File.WriteAllBytes(img, File.ReadAllBytes(img)[..40]);                       // truncated image
        var ds = CcxsReader.Read(src);
        Images.ImageFixtures.Grey(ds.MaskPath(ds.Images[8].Regions[1]), 2, 2, (_, _) => 9); // mask of the wrong size
        File.Delete(Path.Combine(src, "images", CcxsFixture.FileName(9)));           // missing file
        var r = PrepareJob.Run(Options(src, Path.Combine(t.Path, "ws")));
        Assert.Equal((10, 3), (r.Images, r.Rejected));
        Assert.Equal(5, r.Test); // fewer than 20 images: half go to test
        var rejects = File.ReadAllLines(Path.Combine(r.Directory, "rejects.csv"));
        Assert.Equal(4, rejects.Length);
        Assert.Contains(rejects, l => l.Contains(CcxsFixture.FileName(7)) && l.Contains("decode"));
        Assert.Contains(rejects, l => l.Contains(CcxsFixture.FileName(8)) && l.Contains("2x2"));
        Assert.Contains(rejects, l => l.Contains(CcxsFixture.FileName(9)) && l.Contains("not found"));
        Assert.DoesNotContain(r.Rejects, x => x.Id == CcxsFixture.FileName(0));
    }

    [Fact]
    public void InterruptedRun_ResumesAndGivesTheSameCache()
    {
        using var t = new TempDir();
        var src = Path.Combine(t.Path, "ccxs");
        CcxsFixture.Write(src);
        var clean = PrepareJob.Run(Options(src, Path.Combine(t.Path, "clean")) with { Workers = 1 });
        using var cts = new CancellationTokenSource();
        var o = Options(src, Path.Combine(t.Path, "ws")) with { Workers = 1 };
        Assert.ThrowsAny<OperationCanceledException>(() => PrepareJob.Run(o, p => { if (p.Done >= 5) cts.Cancel(); }, cts.Token));
        Assert.False(File.Exists(Path.Combine(PrepareJob.OutputDirectory(o), "manifest.json")));
        var resumed = PrepareJob.Run(o);
        Assert.InRange(resumed.Resumed, 5, 11);
        Assert.False(resumed.Reused);
        foreach (var f in new[] { "images.u8", "masks.u8", "labelled.u8", "index.json", "splits.json", "rejects.csv" })
            Assert.Equal(File.ReadAllBytes(Path.Combine(clean.Directory, f)), File.ReadAllBytes(Path.Combine(resumed.Directory, f)));
    }

    [Fact]
    public void DifferentOptions_GiveDifferentFolders_AndBadOptionsAreNamed()
    {
        var a = new PrepareOptions { Dataset = "ccxs", Source = "/x", Workspace = "/w" };
        Assert.NotEqual(PrepareJob.PrepId(a), PrepareJob.PrepId(a with { Size = 128 }));
        Assert.Equal(PrepareJob.PrepId(a), PrepareJob.PrepId(a with { Workers = 7, Workspace = "/other" }));
        Assert.Contains("--size", Assert.Throws<UserFacingException>(() => (a with { Source = Path.GetTempPath(), Size = 3 }).Validate()).Message);
        Assert.Contains("dataset", Assert.Throws<UserFacingException>(() => (a with { Dataset = "mnist" }).Validate()).Message);
    }

    [Fact]
    public void PreparedSet_RejectsADamagedCache()
    {
        using var t = new TempDir();
        var src = Path.Combine(t.Path, "ccxs");
        CcxsFixture.Write(src);
        var r = PrepareJob.Run(Options(src, Path.Combine(t.Path, "ws")));
        var images = Path.Combine(r.Directory, "images.u8");
        File.WriteAllBytes(images, File.ReadAllBytes(images)[..100]);
        Assert.Contains("images.u8", Assert.Throws<UserFacingException>(() => PreparedSet.Open(r.Directory)).Message);
        Assert.Contains("manifest.json", Assert.Throws<UserFacingException>(() => PreparedSet.Open(t.Path)).Message);
    }

    [Fact]
    public void Batches_HaveTheTrainingShapes()
    {
        using var t = new TempDir();
        var src = Path.Combine(t.Path, "ccxs");
        CcxsFixture.Write(src);
        var r = PrepareJob.Run(Options(src, Path.Combine(t.Path, "ws")));
        using var set = PreparedSet.Open(r.Directory);
        using var b = PreparedBatch.Read(set, [0, 5, 6]);
        Assert.Equal(new long[] { 3, 1, 32, 32 }, b.Images.shape);
        Assert.Equal(new long[] { 3, 13, 32, 32 }, b.Targets.shape);
        Assert.Equal(new long[] { 3, 13 }, b.Labelled.shape);
        Assert.Equal(0f, b.Labelled[1, 10].item<float>());
        Assert.InRange(b.Images.max().item<float>(), 0.01f, 1f);
    }

    [SkippableFact]
    public void RealCcxs_Prepares100ImagesWith13ChannelsAndTheTenImageTestSet()
    {
        var root = SharedData.Require("ccxs");
        using var t = new TempDir();
        var r = PrepareJob.Run(new PrepareOptions { Dataset = "ccxs", Source = root, Workspace = t.Path, Size = 64, Workers = 2 });
        Assert.Equal((100, 0), (r.Images, r.Rejected));
        using var set = PreparedSet.Open(r.Directory);
        Assert.Equal(13, set.ClassNames.Count);
        Assert.Equal((90, 10, 9), (set.Splits.Train.Count, set.Splits.Test.Count, set.Splits.Partitions.Count));
        Assert.All(set.Splits.Partitions, p => Assert.Equal(10, p.Count));
        var pneumo = Enumerable.Range(0, 100).Single(i => set.Manifest.ImagesWithClass[7] == 1 && HasDrawn(set, i, 7));
        Assert.Contains(pneumo, set.Splits.Train);
        Assert.All(r.Warnings, w => Assert.Matches("without a mask file|unioned|no '(Right|Left) Lung' row|no 'Airways' row", w));
    }

    private static bool HasDrawn(PreparedSet set, int i, int cls)
    {
        var m = new byte[13 * set.Size * set.Size];
        set.CopyMask(i, m);
        return m.AsSpan(cls * set.Size * set.Size, set.Size * set.Size).IndexOf((byte)1) >= 0;
    }
}
