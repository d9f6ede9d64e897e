using CxrSeg.Platform;
using SkiaSharp;

namespace CxrSeg.Phantoms;

/// <summary>Encodes phantom pixels as JPEG/PNG through SkiaSharp and writes them atomically.</summary>
internal static class ImageFiles
{
    public enum Mode { Gray, Rgb, Rgba }

    public static SKBitmap ToBitmap(PhantomImage img, Mode mode, byte tint = 0)
    {
        var g = img.ToGray8();
        if (mode == Mode.Gray)
        {
            var gb = new SKBitmap(new SKImageInfo(img.Width, img.Height, SKColorType.Gray8, SKAlphaType.Opaque));
            CopyRows(gb, g, img.Width);
            return gb;
        }
        var bmp = new SKBitmap(new SKImageInfo(img.Width, img.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        var px = new byte[g.Length * 4];
        for (var i = 0; i < g.Length; i++)
        {
            px[4 * i] = g[i];
            px[4 * i + 1] = g[i];
            px[4 * i + 2] = (byte)Math.Max(0, g[i] - tint);
            px[4 * i + 3] = 255;
        }
        CopyRows(bmp, px, img.Width * 4);
        return bmp;
    }

    public static void CopyRows(SKBitmap bmp, byte[] data, int rowBytes)
    {
        var dst = bmp.GetPixels();
        for (var y = 0; y < bmp.Height; y++)
            System.Runtime.InteropServices.Marshal.Copy(data, y * rowBytes, dst + y * bmp.RowBytes, rowBytes);
    }

    public static void Save(SKBitmap bmp, string path, SKEncodedImageFormat format, int quality = 92)
    {
        SKBitmap src = bmp;
        SKBitmap? tmp = null;
        if (format == SKEncodedImageFormat.Jpeg && bmp.ColorType == SKColorType.Rgba8888)
        {
            // JPEG has no alpha: flatten to opaque RGB
            tmp = new SKBitmap(new SKImageInfo(bmp.Width, bmp.Height, SKColorType.Rgba8888, SKAlphaType.Opaque));
            bmp.CopyTo(tmp);
            src = tmp;
        }
        using var data = src.Encode(format, quality) ?? throw new InvalidOperationException($"SkiaSharp could not encode {path}");
        AtomicFile.WriteAllBytes(path, data.Span);
        tmp?.Dispose();
    }
}
