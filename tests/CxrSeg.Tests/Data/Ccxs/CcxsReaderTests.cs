using CxrSeg.Data.Ccxs;
using CxrSeg.Tests.Support;

namespace CxrSeg.Tests.Data.Ccxs;

public sealed class CcxsReaderTests
{
    [Fact]
    public void Quirks_BecomeWarnings_AndUnlabelledClasses()
    {
        using var t = new TempDir();
        CcxsFixture.Write(t.Path, extraRows: sb => sb.Append("999,,\"COVID-19 Chest Tube\",\"Chest Tube\",,\"img00.png\",i,t,,40x30,0,0,1,1,,,0,0,1,1,\n")
                                                   .Append("1000,,broken row with too few fields\n"));
        var ds = CcxsReader.Read(t.Path);
        Assert.Equal(12, ds.Images.Count);
        Assert.Equal([10], ds.Images[5].UnlabelledClasses);
        Assert.Empty(ds.Images[4].UnlabelledClasses);
        Assert.Contains(ds.Warnings, w => w.Contains("img05") && w.Contains("unlabelled"));
        Assert.Contains(ds.Warnings, w => w.Contains("img06") && w.Contains("unioned"));
        Assert.Contains(ds.Warnings, w => w.Contains("unknown class 'Chest Tube'"));
        Assert.Contains(ds.Warnings, w => w.Contains("malformed") && w.Contains("line"));
        Assert.Equal("P3", ds.Images[6].PatientId);
    }

    [Fact]
    public void Masks_ArePastedAtLeftTop_AndDuplicatesUnioned()
    {
        using var t = new TempDir();
        CcxsFixture.Write(t.Path);
        var ds = CcxsReader.Read(t.Path);
        var im = ds.Images[6];
        var (mask, labelled) = CcxsMaskBuilder.Build(ds, im, im.Width, im.Height);
        int plane = im.Width * im.Height;
        // Right Lung: union of the drawn 9×19 pixels at (3,6) and at (4,7): 171 + 171 − 8·18 overlap.
        Assert.Equal(9 * 19 * 2 - 8 * 18, mask.AsSpan(0, plane).Count((byte)1));
        Assert.Equal(1, mask[6 * im.Width + 3]);
        Assert.Equal(0, mask[5 * im.Width + 3]);
        Assert.All(labelled, v => Assert.Equal(1, v));
        var (_, lab5) = CcxsMaskBuilder.Build(ds, ds.Images[5], ds.Images[5].Width, ds.Images[5].Height);
        Assert.Equal(0, lab5[10]);
    }

    [Fact]
    public void LetterboxedMasks_EqualFullResolutionMasksResizedWithNearestNeighbour()
    {
        using var t = new TempDir();
        CcxsFixture.Write(t.Path);
        var ds = CcxsReader.Read(t.Path);
        foreach (var im in ds.Images.Take(7))
        {
            var box = new CxrSeg.Data.Images.Letterbox(im.Width, im.Height, 24);
            var (full, labelled) = CcxsMaskBuilder.Build(ds, im, im.Width, im.Height);
            var (direct, labelled2, present) = CcxsMaskBuilder.BuildLetterboxed(ds, im, box);
            var expected = new byte[13 * 24 * 24];
            for (int c = 0; c < 13; c++)
            {
                var plane = full.AsSpan(c * im.Width * im.Height, im.Width * im.Height);
                box.ApplyMask(plane, expected.AsSpan(c * 576, 576));
                Assert.Equal(plane.IndexOf((byte)1) >= 0 ? 1 : 0, present[c]);
            }
            Assert.Equal(expected, direct);
            Assert.Equal(labelled, labelled2);
        }
    }

    [Fact]
    public void MaskOfTheWrongSize_IsAClearError()
    {
        using var t = new TempDir();
        CcxsFixture.Write(t.Path, 3);
        var ds = CcxsReader.Read(t.Path);
        var region = ds.Images[1].Regions[0];
        Images.ImageFixtures.Grey(ds.MaskPath(region), 3, 3, (_, _) => 255);
        var e = Assert.Throws<UserFacingException>(() => CcxsMaskBuilder.Build(ds, ds.Images[1], ds.Images[1].Width, ds.Images[1].Height));
        Assert.Contains("3x3", e.Message);
        Assert.Contains(region.MaskFile!, e.Message);
    }

    [Fact]
    public void MissingStructureCsv_IsAClearError()
    {
        using var t = new TempDir();
        Assert.Contains("structure.csv", Assert.Throws<UserFacingException>(() => CcxsReader.Read(t.Path)).Message);
    }

    [SkippableFact]
    public void RealCcxs_HasTheDocumentedClassCounts()
    {
        var root = SharedData.Require("ccxs");
        var ds = CcxsReader.Read(root);
        Assert.Equal(100, ds.Images.Count);
        int[] rowsPerClass = [100, 99, 100, 99, 93, 32, 2, 1, 13, 11, 26, 10, 16];
        Assert.Equal(rowsPerClass, CcxsClasses.All.Select(c => ds.Images.Count(i => i.Regions.Any(r => r.ClassIndex == c.Index)) + (c.Index == 0 ? 1 : 0)));
        Assert.Equal(14, ds.Images.Sum(i => i.UnlabelledClasses.Count()));
        Assert.Equal(73, ds.Images.Select(i => i.PatientId).Distinct().Count());
    }
}
