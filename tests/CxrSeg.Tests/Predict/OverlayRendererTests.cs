using CxrSeg.Platform;
using CxrSeg.Predict;
using SkiaSharp;

namespace CxrSeg.Tests.Predict;

public sealed class OverlayRendererTests
{
    private static (byte R, byte G, byte B, byte A) Pixel(SKBitmap bmp, int x, int y)
    {
        var c = bmp.GetPixel(x, y);
        return (c.Red, c.Green, c.Blue, c.Alpha);
    }

    [Fact]
    public void Fills_blend_over_the_grey_and_outlined_classes_draw_opaque_edges()
    {
        const int w = 40, h = 30;
        var grey = Enumerable.Range(0, w * h).Select(i => (byte)(i % w * 5)).ToArray();
        var fill = new byte[w * h];
        var tube = new byte[w * h];
        for (var y = 5; y < 15; y++)
            for (var x = 5; x < 15; x++) fill[y * w + x] = 1;
        for (var y = 10; y < 25; y++)
            for (var x = 20; x < 30; x++) tube[y * w + x] = 1;
        var style = OverlayStyle.Default with { Legend = false };
        var fillColour = new SKColor(255, 0, 0);
        var tubeColour = new SKColor(0, 200, 100);
        using var bmp = OverlayRenderer.Render(grey, w, h, [fill, tube], ["Right Lung", "Endotracheal tube"], [fillColour, tubeColour], style,
            new BufferPool<byte>());

        var alpha = (int)Math.Round(style.FillAlpha * 256);
        int Blend(int v, int c) => (v * (256 - alpha) + c * alpha) >> 8;
        var g = grey[7 * w + 9];
        Assert.Equal(((byte)Blend(g, 255), (byte)Blend(g, 0), (byte)Blend(g, 0), (byte)255), Pixel(bmp, 9, 7));
        Assert.Equal(((byte)grey[2 * w + 2], (byte)grey[2 * w + 2], (byte)grey[2 * w + 2], (byte)255), Pixel(bmp, 2, 2)); // outside every mask
        Assert.Equal(((byte)0, (byte)200, (byte)100, (byte)255), Pixel(bmp, 20, 17));          // the tube's left edge
        var inside = grey[17 * w + 25];
        Assert.Equal((inside, inside, inside, (byte)255), Pixel(bmp, 25, 17));                   // the tube's inside is not filled
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(5)]
    public void Outline_is_the_boundary_dilated_by_a_square(int thickness)
    {
        const int w = 30, h = 20;
        var m = new byte[w * h];
        for (var y = 4; y < 16; y++)
            for (var x = 6; x < 25; x++) m[y * w + x] = 1;
        var edge = OverlayRenderer.Outline(m, w, h, thickness);
        // reference: boundary pixels, then every pixel within r (Chebyshev distance) of one
        var r = thickness / 2;
        bool Boundary(int x, int y) => m[y * w + x] != 0 && (x == 0 || y == 0 || x == w - 1 || y == h - 1 ||
            m[y * w + x - 1] == 0 || m[y * w + x + 1] == 0 || m[(y - 1) * w + x] == 0 || m[(y + 1) * w + x] == 0);
        for (var y = 0; y < h; y++)
            for (var x = 0; x < w; x++)
            {
                var expected = false;
                for (var dy = -r; dy <= r && !expected; dy++)
                    for (var dx = -r; dx <= r && !expected; dx++)
                    {
                        int xx = x + dx, yy = y + dy;
                        expected = xx >= 0 && yy >= 0 && xx < w && yy < h && Boundary(xx, yy);
                    }
                Assert.True(expected == (edge[y * w + x] != 0), $"pixel ({x}, {y}) with thickness {thickness}");
            }
    }
}
