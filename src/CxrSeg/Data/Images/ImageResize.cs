using SkiaSharp;

namespace CxrSeg.Data.Images;

/// <summary>Grey resizing with SkiaSharp (linear filtering with mipmaps, so strong down-scaling averages).</summary>
public static class ImageResize
{
    /// <summary>Scales <paramref name="image"/> to w×h and places it at (x, y) of a zeroed size×size square.</summary>
    public static unsafe byte[] GreyInto(GreyImage image, int size, int x, int y, int w, int h)
    {
        if (x < 0 || y < 0 || w < 1 || h < 1 || x + w > size || y + h > size)
            throw new ArgumentException($"a {w}×{h} image at ({x}, {y}) does not fit a {size}² square");
        // SkiaSharp reads the managed pixels in place and scales straight into the square's rows (row stride = size)
        var dst = new byte[size * size];
        fixed (byte* src = image.Pixels)
        fixed (byte* to = dst)
        {
            using var from = new SKPixmap(new SKImageInfo(image.Width, image.Height, SKColorType.Gray8, SKAlphaType.Opaque), (IntPtr)src);
            using var into = new SKPixmap(new SKImageInfo(w, h, SKColorType.Gray8, SKAlphaType.Opaque), (IntPtr)(to + (long)y * size + x), size);
            if (!from.ScalePixels(into, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear)))
                throw new InvalidOperationException($"SkiaSharp could not scale a {image.Width}×{image.Height} image to {w}×{h}");
        }
        return dst;
    }
}
