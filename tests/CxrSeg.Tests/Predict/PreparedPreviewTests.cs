using CxrSeg.Data.Cache;
using CxrSeg.Predict;
using CxrSeg.Tests.Support;

namespace CxrSeg.Tests.Predict;

public sealed class PreparedPreviewTests
{
    private static InMemoryPreparedSet Set()
    {
        var images = Enumerable.Range(0, 3).Select(i => Enumerable.Repeat((byte)(60 + 40 * i), 32 * 32).ToArray()).ToArray();
        var masks = images.Select(_ => { var m = new byte[2 * 1024]; m.AsSpan(100, 200).Fill(1); return m; }).ToArray();
        return new InMemoryPreparedSet("own", 32, ["lung", "heart"], TargetKind.Mask, images, masks, null, null, new DatasetSplits([0, 1, 2], [], [], []));
    }

    [Fact]
    public void TheSheetIsAPngOfTheFirstImages()
    {
        using var t = new TempDir();
        var path = t.File("sheet.png");
        PreparedPreview.Write(Set(), path, count: 3, tile: 64);
        using var bmp = SkiaSharp.SKBitmap.Decode(path);
        Assert.Equal(3 * 64, bmp.Width); // three tiles in one row
        Assert.True(bmp.Height > 64);
    }

    [Fact]
    public void AnExistingFileIsNeverReplaced_AndAnotherExtensionIsRefused()
    {
        using var t = new TempDir();
        var path = t.File("mine.png");
        File.WriteAllText(path, "a user's file");
        Assert.Contains("exists", Assert.Throws<UserFacingException>(() => PreparedPreview.Write(Set(), path)).Message);
        Assert.Equal("a user's file", File.ReadAllText(path));
        Assert.Contains(".png", Assert.Throws<UserFacingException>(() => PreparedPreview.CheckTarget(t.File("sheet.jpg"))).Message);
    }
}
