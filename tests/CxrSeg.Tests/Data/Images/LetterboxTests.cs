using CxrSeg.Data.Images;

namespace CxrSeg.Tests.Data.Images;

public sealed class LetterboxTests
{
    [Fact]
    public void WideImage_IsCentredVertically_AndMappingsInvert()
    {
        var lb = new Letterbox(200, 100, 64);
        Assert.Equal((64, 32, 0, 16), (lb.ContentWidth, lb.ContentHeight, lb.OffsetX, lb.OffsetY));
        var (tx, ty) = lb.ToTarget(100, 50);
        Assert.Equal((32.0, 32.0), (tx, ty));
        var (sx, sy) = lb.ToSource(tx, ty);
        Assert.Equal(100, sx, 6);
        Assert.Equal(50, sy, 6);
    }

    [Fact]
    public void ImagePadding_IsBlack_AndContentKeepsBrightness()
    {
        var img = new GreyImage(20, 10, Enumerable.Repeat((byte)200, 200).ToArray());
        var sq = new Letterbox(20, 10, 20).Apply(img);
        Assert.Equal(0, sq[0]);                 // top padding
        Assert.Equal(200, sq[10 * 20 + 10]);    // centre
        Assert.Equal(0, sq[19 * 20 + 19]);      // bottom padding
    }

    [Fact]
    public void MaskResize_IsNearestNeighbour_StaysBinary_AndInvertsBack()
    {
        var src = new byte[40 * 20];
        for (int y = 5; y < 15; y++) for (int x = 10; x < 30; x++) src[y * 40 + x] = 1;
        var lb = new Letterbox(40, 20, 16);
        var dst = new byte[16 * 16];
        lb.ApplyMask(src, dst);
        Assert.All(dst, v => Assert.True(v is 0 or 1));
        Assert.Equal(8 * 4, dst.Count(v => v == 1)); // 20×10 source box at scale 0.4 → 8×4
        var back = lb.InvertMask(dst);
        Assert.Equal(src.Length, back.Length);
        Assert.Equal(1, back[10 * 40 + 20]);
        Assert.Equal(0, back[0]);
    }
}
