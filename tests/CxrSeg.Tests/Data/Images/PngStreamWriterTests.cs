using CxrSeg.Data.Images;
using CxrSeg.Tests.Support;

namespace CxrSeg.Tests.Data.Images;

public sealed class PngStreamWriterTests
{
    [Fact]
    public void Grey8_and_rgb_round_trip_through_skia_across_several_idat_chunks()
    {
        using var t = new TempDir();
        var rnd = new Random(3);
        const int w = 400, h = 300; // noise: well over one 64 KiB IDAT chunk once deflated
        var grey = new byte[w * h];
        rnd.NextBytes(grey);
        PngStreamWriter.Write(t.File("g.png"), w, h, PngPixelFormat.Grey8, (y, row) => grey.AsSpan(y * w, w).CopyTo(row));
        Assert.True(new FileInfo(t.File("g.png")).Length > 64 * 1024);
        Assert.Equal(grey, SkiaImageDecoder.Decode(t.File("g.png")).Pixels);

        var rgb = new byte[w * h * 3];
        rnd.NextBytes(rgb);
        PngStreamWriter.Write(t.File("c.png"), w, h, PngPixelFormat.Rgb8, (y, row) => rgb.AsSpan(y * w * 3, w * 3).CopyTo(row));
        var back = SkiaImageDecoder.DecodeRgba(t.File("c.png"), out var bw, out var bh);
        Assert.Equal((w, h), (bw, bh));
        for (var i = 0; i < w * h; i++)
        {
            Assert.Equal(rgb[3 * i], back[4 * i]);
            Assert.Equal(rgb[3 * i + 1], back[4 * i + 1]);
            Assert.Equal(rgb[3 * i + 2], back[4 * i + 2]);
            Assert.Equal(255, back[4 * i + 3]);
        }
    }

    [Fact]
    public void A_failing_row_source_leaves_no_file_behind()
    {
        using var t = new TempDir();
        var path = t.File("x.png");
        Assert.Throws<InvalidOperationException>(() => PngStreamWriter.Write(path, 10, 10, PngPixelFormat.Grey8, (y, _) =>
        {
            if (y == 5) throw new InvalidOperationException("source failed");
        }));
        Assert.Empty(Directory.GetFiles(t.Path));
    }
}
