using System.Buffers.Binary;
using System.IO.Compression;
using CxrSeg.Platform;
using SkiaSharp;

namespace CxrSeg.Data.Images;

/// <summary>Writes grey PNGs: 8-bit through SkiaSharp, 16-bit with a small exact encoder (SkiaSharp has no 16-bit grey encoder).</summary>
public static class PngWriter
{
    /// <summary>Writes an 8-bit grey PNG atomically.</summary>
    public static unsafe void WriteGrey8(string path, GreyImage image, PngCompression compression = PngCompression.Small)
    {
        var info = new SKImageInfo(image.Width, image.Height, SKColorType.Gray8, SKAlphaType.Opaque);
        fixed (byte* p = image.Pixels)
        {
            using var pixmap = new SKPixmap(info, (IntPtr)p);
            using var data = Encode(pixmap, compression);
            AtomicFile.WriteAllBytes(path, data.AsSpan());
        }
    }

    /// <summary>Encodes pixels as PNG with SkiaSharp at the chosen speed.</summary>
    public static SKData Encode(SKPixmap pixmap, PngCompression compression = PngCompression.Small) =>
        (compression == PngCompression.Fast
            ? pixmap.Encode(new SKPngEncoderOptions(SKPngEncoderFilterFlags.Up, 1))
            : pixmap.Encode(SKEncodedImageFormat.Png, 100))
        ?? throw new InvalidOperationException($"SkiaSharp could not encode a {pixmap.Width}×{pixmap.Height} {pixmap.ColorType} PNG");

    /// <summary>Writes a 16-bit grey PNG (big-endian samples, as PNG requires) atomically.</summary>
    public static void WriteGrey16(string path, int width, int height, ReadOnlySpan<ushort> samples)
    {
        if (samples.Length != width * height) throw new ArgumentException("sample count does not match the size");
        var raw = new byte[height * (1 + 2 * width)];
        for (int y = 0; y < height; y++)
        {
            int o = y * (1 + 2 * width);
            raw[o] = 0; // filter: none
            for (int x = 0; x < width; x++)
                BinaryPrimitives.WriteUInt16BigEndian(raw.AsSpan(o + 1 + 2 * x), samples[y * width + x]);
        }
        using var ms = new MemoryStream();
        ms.Write([137, 80, 78, 71, 13, 10, 26, 10]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 16; ihdr[9] = 0; // bit depth 16, colour type grey
        Chunk(ms, "IHDR", ihdr);
        using (var z = new MemoryStream())
        {
            using (var zs = new ZLibStream(z, CompressionLevel.Fastest, leaveOpen: true)) zs.Write(raw);
            Chunk(ms, "IDAT", z.ToArray());
        }
        Chunk(ms, "IEND", []);
        AtomicFile.WriteAllBytes(path, ms.ToArray());
    }

    private static void Chunk(Stream s, string type, byte[] data)
    {
        Span<byte> len = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(len, data.Length);
        s.Write(len);
        var typeBytes = System.Text.Encoding.ASCII.GetBytes(type);
        s.Write(typeBytes);
        s.Write(data);
        uint crc = Crc32(typeBytes, data);
        BinaryPrimitives.WriteUInt32BigEndian(len, crc);
        s.Write(len);
    }

    private static readonly uint[] CrcTable = Enumerable.Range(0, 256).Select(n =>
    {
        uint c = (uint)n;
        for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        return c;
    }).ToArray();

    private static uint Crc32(byte[] a, byte[] b)
    {
        uint c = 0xFFFFFFFFu;
        foreach (var x in a) c = CrcTable[(c ^ x) & 0xFF] ^ (c >> 8);
        foreach (var x in b) c = CrcTable[(c ^ x) & 0xFF] ^ (c >> 8);
        return c ^ 0xFFFFFFFFu;
    }
}
