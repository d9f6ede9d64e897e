using System.Buffers.Binary;
using System.IO.Compression;

namespace CxrSeg.Tests.Data.Dicom;

/// <summary>Reads back the grey PNGs (8 or 16 bit, any filter) written by the converter, returning samples as little-endian bytes.</summary>
internal static class PngTestReader
{
    public static byte[] SamplesLittleEndian(string path)
    {
        var b = File.ReadAllBytes(path);
        int pos = 8, width = 0, height = 0, depth = 0, colour = 0;
        using var idat = new MemoryStream();
        while (pos < b.Length)
        {
            int len = BinaryPrimitives.ReadInt32BigEndian(b.AsSpan(pos));
            var type = System.Text.Encoding.ASCII.GetString(b, pos + 4, 4);
            var data = b.AsSpan(pos + 8, len);
            if (type == "IHDR") { width = BinaryPrimitives.ReadInt32BigEndian(data); height = BinaryPrimitives.ReadInt32BigEndian(data[4..]); depth = data[8]; colour = data[9]; }
            if (type == "IDAT") idat.Write(data);
            pos += 12 + len;
        }
        if (colour != 0) throw new InvalidDataException($"{path}: colour type {colour}, grey expected");
        int bpp = depth / 8, stride = width * bpp;
        using var z = new ZLibStream(new MemoryStream(idat.ToArray()), CompressionMode.Decompress);
        using var raw = new MemoryStream();
        z.CopyTo(raw);
        var r = raw.ToArray();
        var cur = new byte[stride];
        var prev = new byte[stride];
        var outBytes = new byte[height * stride];
        for (int y = 0; y < height; y++)
        {
            int f = r[y * (stride + 1)];
            Array.Copy(r, y * (stride + 1) + 1, cur, 0, stride);
            for (int i = 0; i < stride; i++)
            {
                int a = i >= bpp ? cur[i - bpp] : 0, up = prev[i], c = i >= bpp ? prev[i - bpp] : 0;
                cur[i] = (byte)(f switch
                {
                    0 => cur[i],
                    1 => cur[i] + a,
                    2 => cur[i] + up,
                    3 => cur[i] + (a + up) / 2,
                    4 => cur[i] + Paeth(a, up, c),
                    _ => throw new InvalidDataException($"filter {f}"),
                });
            }
            for (int x = 0; x < width; x++)
                if (bpp == 1) outBytes[y * stride + x] = cur[x];
                else { outBytes[y * stride + 2 * x] = cur[2 * x + 1]; outBytes[y * stride + 2 * x + 1] = cur[2 * x]; }
            (prev, cur) = (cur, prev);
        }
        return outBytes;
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
