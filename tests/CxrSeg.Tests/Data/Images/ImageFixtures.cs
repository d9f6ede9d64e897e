using SkiaSharp;

namespace CxrSeg.Tests.Data.Images;

/// <summary>Writes small PNG/JPEG fixtures with SkiaSharp.</summary>
internal static class ImageFixtures
{
    public static void Rgba(string path, int w, int h, Func<int, int, (byte R, byte G, byte B, byte A)> pixel, SKEncodedImageFormat format = SKEncodedImageFormat.Png)
    {
        using var bmp = new SKBitmap(new SKImageInfo(w, h, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
            {
                var (r, g, b, a) = pixel(x, y);
                bmp.SetPixel(x, y, new SKColor(r, g, b, a));
            }
        using var data = bmp.Encode(format, 95);
        File.WriteAllBytes(path, data.ToArray());
    }

    public static void Grey(string path, int w, int h, Func<int, int, byte> pixel, SKEncodedImageFormat format = SKEncodedImageFormat.Png)
    {
        using var bmp = new SKBitmap(new SKImageInfo(w, h, SKColorType.Gray8, SKAlphaType.Opaque));
        var px = new byte[w * h];
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) px[y * w + x] = pixel(x, y);
        System.Runtime.InteropServices.Marshal.Copy(px, 0, bmp.GetPixels(), px.Length);
        using var data = bmp.Encode(format, 95);
        File.WriteAllBytes(path, data.ToArray());
    }
}
