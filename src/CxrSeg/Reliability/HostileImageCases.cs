using System.IO.Hashing;
using CxrSeg.Data.Images;
using SkiaSharp;

namespace CxrSeg.Reliability;

/// <summary>PNG and JPEG cases: truncations, garbage, empty files, and tiny files that declare huge images.</summary>
internal static class HostileImageCases
{
    private const string Damage = "png-jpeg-damage", Sizes = "sizes-and-nesting";

    public static void Write(string dir, List<HostileCase> cases)
    {
        Directory.CreateDirectory(dir);
        void Case(string name, string cls, byte[] bytes, HostileExpect expect, string? mention = null)
        {
            var p = Path.Combine(dir, name);
            File.WriteAllBytes(p, bytes);
            cases.Add(new HostileCase("images/" + name, cls, HostileAction.LoadImage, p, expect, mention ?? (expect == HostileExpect.Refuse ? name : null)));
        }
        var grey = new byte[96 * 80];
        for (int i = 0; i < grey.Length; i++) grey[i] = (byte)(i * 31 % 251);
        var pngPath = Path.Combine(dir, "good.png");
        PngWriter.WriteGrey8(pngPath, new GreyImage(96, 80, grey));
        var png = File.ReadAllBytes(pngPath);
        cases.Add(new HostileCase("images/good.png", "control", HostileAction.LoadImage, pngPath, HostileExpect.Accept, null));
        var jpg = Jpeg(96, 80);
        Case("good.jpg", "control", jpg, HostileExpect.Accept);
        for (int k = 1; k <= 15; k++) Case($"truncated-{k:00}.png", Damage, png[..(png.Length * k / 16)], HostileExpect.Refuse);
        for (int k = 1; k <= 10; k++) Case($"truncated-{k:00}.jpg", Damage, jpg[..(jpg.Length * k / 11)], HostileExpect.Refuse);
        var rng = new Random(19);
        foreach (var ext in new[] { "png", "jpg", "jpeg" })
        {
            var junk = new byte[1024];
            rng.NextBytes(junk);
            Case($"garbage.{ext}", Damage, junk, HostileExpect.Refuse);
            Case($"empty.{ext}", Damage, [], HostileExpect.Refuse);
        }
        var corrupt = png.ToArray();
        for (int i = 60; i < corrupt.Length - 20; i++) corrupt[i] ^= 0x5A;
        Case("corrupt-idat.png", Damage, corrupt, HostileExpect.Refuse);
        foreach (var (w, h) in new[] { (20000, 20000), (46341, 46341), (65535, 1), (1, 40000), (8193, 8193) })
            Case($"declared-{w}x{h}.png", Sizes, TinyPngDeclaring((uint)w, (uint)h), HostileExpect.Refuse, "limit");
        Case("declared-0x10.png", Sizes, TinyPngDeclaring(0, 10), HostileExpect.Refuse);
    }

    private static byte[] Jpeg(int w, int h)
    {
        using var bmp = new SKBitmap(new SKImageInfo(w, h, SKColorType.Gray8, SKAlphaType.Opaque));
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++) bmp.SetPixel(x, y, new SKColor((byte)(x * 2), (byte)(x * 2), (byte)(x * 2)));
        using var data = bmp.Encode(SKEncodedImageFormat.Jpeg, 90);
        return data.ToArray();
    }

    /// <summary>A valid PNG signature and IHDR declaring <paramref name="w"/>×<paramref name="h"/> 8-bit grey, with a few bytes of image data: tiny on disk, huge once decoded.</summary>
    private static byte[] TinyPngDeclaring(uint w, uint h)
    {
        var ms = new MemoryStream();
        ms.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        BE(ihdr, 0, w); BE(ihdr, 4, h);
        ihdr[8] = 8; // bit depth, grey, deflate, no filter, no interlace
        Chunk(ms, "IHDR", ihdr);
        Chunk(ms, "IDAT", [0x78, 0x9C, 0x63, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01]);
        Chunk(ms, "IEND", []);
        return ms.ToArray();
    }

    private static void Chunk(Stream s, string type, byte[] data)
    {
        var len = new byte[4];
        BE(len, 0, (uint)data.Length);
        s.Write(len);
        var td = System.Text.Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        s.Write(td);
        var crc = new byte[4];
        BE(crc, 0, Crc32.HashToUInt32(td));
        s.Write(crc);
    }

    private static void BE(byte[] b, int at, uint v)
    {
        b[at] = (byte)(v >> 24); b[at + 1] = (byte)(v >> 16); b[at + 2] = (byte)(v >> 8); b[at + 3] = (byte)v;
    }
}
