using SkiaSharp;

namespace CxrSeg.Data.Images;

/// <summary>Grey resizing with SkiaSharp (linear filtering with mipmaps, so strong down-scaling averages).</summary>
public static class ImageResize
{
    /// <summary>Scales <paramref name="image"/> to w×h and places it at (x, y) of a zeroed size×size square.</summary>
    public static byte[] GreyInto(GreyImage image, int size, int x, int y, int w, int h)
    {
        var srcInfo = new SKImageInfo(image.Width, image.Height, SKColorType.Gray8, SKAlphaType.Opaque);
        using var src = new SKBitmap(srcInfo);
        System.Runtime.InteropServices.Marshal.Copy(image.Pixels, 0, src.GetPixels(), image.Pixels.Length);
        using var scaled = new SKBitmap(new SKImageInfo(w, h, SKColorType.Gray8, SKAlphaType.Opaque));
        src.ScalePixels(scaled, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
        var dst = new byte[size * size];
        var row = new byte[scaled.RowBytes];
        var ptr = scaled.GetPixels();
        for (int r = 0; r < h; r++)
        {
            System.Runtime.InteropServices.Marshal.Copy(ptr + r * scaled.RowBytes, row, 0, scaled.RowBytes);
            Array.Copy(row, 0, dst, (r + y) * size + x, w);
        }
        return dst;
    }
}
