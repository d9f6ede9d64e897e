using System.Buffers.Binary;
using CxrSeg.Platform;
using SkiaSharp;

namespace CxrSeg.Data.Images;

/// <summary>
/// Writes grey PNGs atomically: 8-bit through SkiaSharp (<see cref="PngCompression.Small"/>) or
/// <see cref="PngStreamWriter"/> (<see cref="PngCompression.Fast"/>), 16-bit through <see cref="PngStreamWriter"/>
/// (SkiaSharp has no 16-bit grey encoder).
/// </summary>
public static class PngWriter
{
    /// <summary>Writes an 8-bit grey PNG atomically.</summary>
    public static unsafe void WriteGrey8(string path, GreyImage image, PngCompression compression = PngCompression.Small)
    {
        if (compression == PngCompression.Fast)
        {
            var w = image.Width;
            PngStreamWriter.Write(path, w, image.Height, PngPixelFormat.Grey8, (y, row) => image.Pixels.AsSpan(y * w, w).CopyTo(row));
            return;
        }
        var info = new SKImageInfo(image.Width, image.Height, SKColorType.Gray8, SKAlphaType.Opaque);
        fixed (byte* p = image.Pixels)
        {
            using var pixmap = new SKPixmap(info, (IntPtr)p);
            using var data = pixmap.Encode(SKEncodedImageFormat.Png, 100)
                ?? throw new InvalidOperationException($"SkiaSharp could not encode a {image.Width}×{image.Height} grey PNG");
            AtomicFile.WriteAllBytes(path, data.AsSpan());
        }
    }

    /// <summary>Writes a 16-bit grey PNG (big-endian samples, as PNG requires) atomically.</summary>
    public static void WriteGrey16(string path, int width, int height, ReadOnlySpan<ushort> samples)
    {
        if (samples.Length != width * height) throw new ArgumentException("sample count does not match the size");
        var copy = samples.ToArray();
        PngStreamWriter.Write(path, width, height, PngPixelFormat.Grey16, (y, row) =>
        {
            for (var x = 0; x < width; x++) BinaryPrimitives.WriteUInt16BigEndian(row[(2 * x)..], copy[y * width + x]);
        });
    }
}
