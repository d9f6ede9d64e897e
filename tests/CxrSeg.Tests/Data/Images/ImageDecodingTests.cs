using CxrSeg.Data.ImageFiles;
using CxrSeg.Data.Images;
using CxrSeg.Tests.Support;
using SkiaSharp;

namespace CxrSeg.Tests.Data.Images;

public sealed class ImageDecodingTests
{
    [Fact]
    public void Rgb_UsesBt601Luma_AndAlphaIsIgnored()
    {
        using var t = new TempDir();
        var path = t.File("c.png");
        ImageFixtures.Rgba(path, 3, 1, (x, _) => x switch
        {
            0 => (255, 0, 0, 255),
            1 => (0, 255, 0, 10),     // nearly transparent: colour kept as stored
            _ => (10, 20, 200, 255),
        });
        var img = SkiaImageDecoder.Decode(path);
        Assert.Equal(new byte[] { GreyConversion.Luma(255, 0, 0), GreyConversion.Luma(0, 255, 0), GreyConversion.Luma(10, 20, 200) }, img.Pixels);
        Assert.Equal(76, img.Pixels[0]);
        Assert.Equal(150, img.Pixels[1]);
    }

    [Fact]
    public void GreyPng_RoundTripsExactly_AndLoaderAcceptsJpeg()
    {
        using var t = new TempDir();
        ImageFixtures.Grey(t.File("g.png"), 5, 4, (x, y) => (byte)(x * 40 + y));
        var img = GreyImageLoader.Load(t.File("g.png"));
        Assert.Equal((5, 4), (img.Width, img.Height));
        Assert.Equal((byte)(3 * 40 + 2), img.Pixels[2 * 5 + 3]);
        ImageFixtures.Grey(t.File("g.jpg"), 16, 16, (_, _) => 128, SKEncodedImageFormat.Jpeg);
        Assert.InRange(GreyImageLoader.Load(t.File("g.jpg")).Pixels.Average(p => p), 125, 131);
    }

    [Fact]
    public void TruncatedJpeg_AndMissingFile_GiveErrorsNamingTheFile()
    {
        using var t = new TempDir();
        var path = t.File("cut.jpg");
        ImageFixtures.Grey(path, 64, 64, (x, y) => (byte)(x ^ y), SKEncodedImageFormat.Jpeg);
        var b = File.ReadAllBytes(path);
        File.WriteAllBytes(path, b[..(b.Length / 3)]);
        Assert.Contains("cut.jpg", Assert.Throws<UserFacingException>(() => SkiaImageDecoder.Decode(path)).Message);
        File.WriteAllBytes(path, [1, 2, 3]);
        Assert.Contains("cut.jpg", Assert.Throws<UserFacingException>(() => GreyImageLoader.Load(path)).Message);
        Assert.Contains("not found", Assert.Throws<UserFacingException>(() => GreyImageLoader.Load(t.File("no.png"))).Message);
    }

    [Fact]
    public void Grey16Png_WriterRoundTrips()
    {
        using var t = new TempDir();
        var samples = new ushort[] { 0, 1, 256, 65535, 40000, 7 };
        PngWriter.WriteGrey16(t.File("x.png"), 3, 2, samples);
        var back = Dicom.PngTestReader.SamplesLittleEndian(t.File("x.png"));
        Assert.Equal(samples, Enumerable.Range(0, 6).Select(i => (ushort)(back[2 * i] | back[2 * i + 1] << 8)));
        // SkiaSharp can decode what we wrote (valid PNG, CRCs right).
        Assert.Equal((3, 2), (SkiaImageDecoder.Decode(t.File("x.png")).Width, SkiaImageDecoder.Decode(t.File("x.png")).Height));
    }

    [Fact]
    public void Grey_files_decode_straight_to_grey_with_the_same_values_as_the_colour_path()
    {
        using var t = new TempDir();
        ImageFixtures.Grey(t.File("g8.png"), 40, 30, (x, y) => (byte)(x * 6 + y));
        ImageFixtures.Grey(t.File("g.jpg"), 40, 30, (x, y) => (byte)(x * 6 + y), SKEncodedImageFormat.Jpeg);
        PngWriter.WriteGrey16(t.File("g16.png"), 40, 30, Enumerable.Range(0, 1200).Select(i => (ushort)(i * 53 % 65536)).ToArray());
        foreach (var name in new[] { "g8.png", "g.jpg", "g16.png" })
        {
            var path = t.File(name);
            Assert.Equal("Gray8", SkiaImageDecoder.ReadHeader(path).ColorType);
            var rgba = SkiaImageDecoder.DecodeRgba(path, out var w, out var h);
            var viaColour = Enumerable.Range(0, w * h).Select(i => GreyConversion.Luma(rgba[4 * i], rgba[4 * i + 1], rgba[4 * i + 2])).ToArray();
            Assert.Equal(viaColour, SkiaImageDecoder.Decode(path).Pixels);
        }
    }
}
