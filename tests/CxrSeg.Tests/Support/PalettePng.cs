using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using System.Text;

namespace CxrSeg.Tests.Support;

/// <summary>Writes 8-bit palette PNGs (colour type 3) for fixtures, such as JSRT's images with an inverted grey palette.</summary>
internal static class PalettePng
{
    /// <summary>Writes <paramref name="indices"/> (row-major) with a 256-entry grey palette where index i shows <paramref name="greyOf"/>(i).</summary>
    public static void Write(string path, int width, int height, byte[] indices, Func<int, byte> greyOf)
    {
        using var file = File.Create(path);
        file.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8;  // bit depth
        header[9] = 3;  // palette
        Chunk(file, "IHDR", header);
        var palette = new byte[3 * 256];
        for (var i = 0; i < 256; i++) palette[3 * i] = palette[3 * i + 1] = palette[3 * i + 2] = greyOf(i);
        Chunk(file, "PLTE", palette);
        using var raw = new MemoryStream();
        using (var z = new ZLibStream(raw, CompressionLevel.Fastest, leaveOpen: true))
            for (var y = 0; y < height; y++)
            {
                z.WriteByte(0); // filter: none
                z.Write(indices, y * width, width);
            }
        Chunk(file, "IDAT", raw.ToArray());
        Chunk(file, "IEND", []);
    }

    private static void Chunk(Stream s, string type, byte[] data)
    {
        var len = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(len, data.Length);
        s.Write(len);
        var typeBytes = Encoding.ASCII.GetBytes(type);
        s.Write(typeBytes);
        s.Write(data);
        var crc = new Crc32();
        crc.Append(typeBytes);
        crc.Append(data);
        var sum = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(sum, crc.GetCurrentHashAsUInt32());
        s.Write(sum);
    }
}
