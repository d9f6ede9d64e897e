using System.Globalization;
using CxrSeg.Data.Dicom;

namespace CxrSeg.Reliability;

/// <summary>DICOM cases: structure (truncations, lying and undefined lengths, meta and fragment damage), attributes and nesting.</summary>
internal static class HostileDicomCases
{
    private const string Structure = "dicom-structure", Attributes = "dicom-attributes", Sizes = "sizes-and-nesting", Wrong = "silently-wrong",
        Codestream = "dicom-codestream";

    public static void Write(string dir, List<HostileCase> cases)
    {
        Directory.CreateDirectory(dir);
        string Put(string name, byte[] bytes)
        {
            var p = Path.Combine(dir, name);
            File.WriteAllBytes(p, bytes);
            return p;
        }
        void Case(string name, string cls, byte[] bytes, HostileExpect expect, string? mention = null) =>
            cases.Add(new HostileCase("dicom/" + name, cls, HostileAction.LoadImage, Put(name, bytes), expect, mention ?? (expect == HostileExpect.Refuse ? name : null)));

        // controls
        var good = DicomBuilder.GreyImage().ToArray();
        Case("good-16bit.dcm", "control", good, HostileExpect.Accept);
        Case("good-8bit.dcm", "control", DicomBuilder.GreyImage(bitsAllocated: 8, bitsStored: 8).ToArray(), HostileExpect.Accept);
        Case("good-mono1.dcm", "control", DicomBuilder.GreyImage(photometric: "MONOCHROME1").ToArray(), HostileExpect.Accept);
        Case("good-window.dcm", "control", DicomBuilder.GreyImage(centre: "2048", widthValue: "4096", slope: "1", intercept: "0").ToArray(), HostileExpect.Accept);
        Case("good-sequence-depth-3.dcm", "control", DicomBuilder.GreyImage(sequenceDepth: 3).ToArray(), HostileExpect.Accept);
        Case("good-unparsable-slope.dcm", "control", DicomBuilder.GreyImage(slope: "abc").ToArray(), HostileExpect.Accept);

        // truncations of a native file at 40 points across header and pixel data
        for (int k = 1; k <= 40; k++)
        {
            int at = (int)((long)good.Length * k / 41);
            Case($"truncated-native-{k:00}.dcm", Structure, good[..at], HostileExpect.Refuse);
        }

        // every element's length made to lie: huge, undefined, a little too long
        var offsets = ElementOffsets(good);
        foreach (var (off, tag, longVr) in offsets)
        {
            foreach (var (label, len) in new[] { ("fffffff0", 0xFFFFFFF0u), ("undefined", 0xFFFFFFFFu), ("plus1000", 1000u) })
            {
                var b = good.ToArray();
                if (longVr) BitConverter.TryWriteBytes(b.AsSpan(off + 8), label == "plus1000" ? BitConverter.ToUInt32(b, off + 8) + len : len);
                else BitConverter.TryWriteBytes(b.AsSpan(off + 6), label == "plus1000" ? (ushort)(BitConverter.ToUInt16(b, off + 6) + 1000) : (ushort)0xFFFF);
                if (!longVr && label == "undefined") continue; // a 2-byte length cannot be undefined: same as fffffff0
                Case($"length-{tag:X8}-{label}.dcm", Structure, b, HostileExpect.Refuse);
            }
        }

        // meta damage
        var noDicm = good.ToArray(); noDicm[128] = (byte)'X';
        Case("no-dicm-marker.dcm", Structure, noDicm, HostileExpect.Refuse);
        Case("empty.dcm", Structure, [], HostileExpect.Refuse);
        Case("preamble-only.dcm", Structure, good[..132], HostileExpect.Refuse);
        Case("ts-implicit-lie.dcm", Structure, DicomBuilder.GreyImage().WithTransferSyntax("1.2.840.10008.1.2").ToArray(), HostileExpect.Refuse);
        Case("ts-bigendian-lie.dcm", Structure, DicomBuilder.GreyImage().WithTransferSyntax("1.2.840.10008.1.2.2").ToArray(), HostileExpect.Refuse);
        Case("ts-jpeg-native-pixels.dcm", Structure, DicomBuilder.GreyImage().WithTransferSyntax("1.2.840.10008.1.2.4.70").ToArray(), HostileExpect.Refuse);
        Case("ts-unknown.dcm", Structure, DicomBuilder.GreyImage().WithTransferSyntax("1.2.3.4").ToArray(), HostileExpect.Refuse);
        Case("ts-deflate-garbage.dcm", Structure, DicomBuilder.GreyImage().WithTransferSyntax("1.2.840.10008.1.2.1.99").ToArray(), HostileExpect.Refuse);
        var groupLie = good.ToArray(); BitConverter.TryWriteBytes(groupLie.AsSpan(140), 9999u);
        Case("meta-group-length-lie.dcm", Structure, groupLie, HostileExpect.Refuse);

        // pixel data with undefined length and broken encapsulation
        Case("native-undefined-pixels.dcm", Structure, PixelVariant(null, b => b.Header(0x7FE0, 0x0010, "OW", 0xFFFFFFFF).Bytes(new byte[3840])), HostileExpect.Refuse);
        Case("encaps-no-delimiter.dcm", Structure, PixelVariant("1.2.840.10008.1.2.4.70", b => b.Header(0x7FE0, 0x0010, "OB", 0xFFFFFFFF).Item(0xE000, 0).Item(0xE000, 4).Bytes([1, 2, 3, 4])), HostileExpect.Refuse);
        Case("encaps-fragment-lie.dcm", Structure, PixelVariant("1.2.840.10008.1.2.4.70", b => b.Header(0x7FE0, 0x0010, "OB", 0xFFFFFFFF).Item(0xE000, 0).Item(0xE000, 0xFFFFFFF0).Bytes([1, 2, 3, 4])), HostileExpect.Refuse);
        Case("encaps-fragment-undefined.dcm", Structure, PixelVariant("1.2.840.10008.1.2.4.70", b => b.Header(0x7FE0, 0x0010, "OB", 0xFFFFFFFF).Item(0xE000, 0).Item(0xE000, 0xFFFFFFFF).Bytes([1, 2, 3, 4])), HostileExpect.Refuse);
        Case("encaps-no-fragments.dcm", Structure, PixelVariant("1.2.840.10008.1.2.4.70", b => b.Header(0x7FE0, 0x0010, "OB", 0xFFFFFFFF).Item(0xE000, 0).Item(0xE0DD, 0)), HostileExpect.Refuse);
        Case("encaps-not-an-item.dcm", Structure, PixelVariant("1.2.840.10008.1.2.4.70", b => b.Header(0x7FE0, 0x0010, "OB", 0xFFFFFFFF).Bytes([9, 9, 9, 9, 0, 0, 0, 0])), HostileExpect.Refuse);
        Case("sequence-unclosed.dcm", Structure, new DicomBuilder().Text(0x0008, 0x0016, "UI", "1.2").Header(0x0040, 0x0275, "SQ", 0xFFFFFFFF).Item(0xE000, 0xFFFFFFFF).ToArray(), HostileExpect.Refuse);
        Case("sequence-item-lie.dcm", Structure, new DicomBuilder().Text(0x0008, 0x0016, "UI", "1.2").Header(0x0040, 0x0275, "SQ", 16).Item(0xE000, 0xFFFFFFF0).Bytes(new byte[8]).ToArray(), HostileExpect.Refuse);
        Case("stray-item-delimiter.dcm", Structure, new DicomBuilder().Text(0x0008, 0x0016, "UI", "1.2").Item(0xE00D, 0).ToArray(), HostileExpect.Refuse);
        Case("out-of-order.dcm", Structure, new DicomBuilder().Us(0x0028, 0x0010, 4).Us(0x0028, 0x0002, 1).ToArray(), HostileExpect.Refuse);
        Case("bad-vr.dcm", Structure, new DicomBuilder().Raw(0x0028, 0x0010, "u!", [4, 0]).ToArray(), HostileExpect.Refuse);

        // attributes this tool refuses before GDCM sees them
        foreach (var pi in new[] { "PALETTE COLOR", "RGB", "YBR_FULL", "MONOCHROME3", "" })
            Case($"photometric-{(pi.Length == 0 ? "empty" : pi.Replace(' ', '-'))}.dcm", Attributes, DicomBuilder.GreyImage(photometric: pi).ToArray(), HostileExpect.Refuse);
        Case("samples-3.dcm", Attributes, DicomBuilder.GreyImage(samples: 3).ToArray(), HostileExpect.Refuse);
        Case("frames-2.dcm", Attributes, DicomBuilder.GreyImage(frames: "2").ToArray(), HostileExpect.Refuse, "frames");
        Case("frames-garbage.dcm", Attributes, DicomBuilder.GreyImage(frames: "x9").ToArray(), HostileExpect.Refuse, "Number of Frames");
        Case("frames-zero.dcm", Attributes, DicomBuilder.GreyImage(frames: "0").ToArray(), HostileExpect.Refuse, "Number of Frames");
        foreach (var ba in new[] { 0, 1, 12, 32 })
            Case($"bits-allocated-{ba}.dcm", Attributes, DicomBuilder.GreyImage(bitsAllocated: ba, bitsStored: Math.Max(1, Math.Min(ba, 12))).ToArray(), HostileExpect.Refuse, "Bits");
        Case("bits-stored-17.dcm", Attributes, DicomBuilder.GreyImage(bitsStored: 17, highBit: 16).ToArray(), HostileExpect.Refuse, "Bits Stored");
        Case("bits-stored-0.dcm", Attributes, DicomBuilder.GreyImage(bitsStored: 0, highBit: 0).ToArray(), HostileExpect.Refuse, "Bits Stored");
        foreach (var hb in new[] { 15, 0, 12 })
            Case($"high-bit-{hb}.dcm", Wrong, DicomBuilder.GreyImage(highBit: hb).ToArray(), HostileExpect.Refuse, "High Bit");

        // sizes
        Case("rows-0.dcm", Sizes, DicomBuilder.GreyImage(height: 0, pixelBytes: 0).ToArray(), HostileExpect.Refuse, "empty");
        Case("columns-0.dcm", Sizes, DicomBuilder.GreyImage(width: 0, pixelBytes: 0).ToArray(), HostileExpect.Refuse, "empty");
        Case("declared-65535x65535.dcm", Sizes, DicomBuilder.GreyImage(65535, 65535, pixelBytes: 64).ToArray(), HostileExpect.Refuse, "limit");
        Case("declared-65535x1.dcm", Sizes, DicomBuilder.GreyImage(65535, 1, pixelBytes: 64).ToArray(), HostileExpect.Refuse, "limit");
        Case("declared-20000x20000.dcm", Sizes, DicomBuilder.GreyImage(20000, 20000, pixelBytes: 64).ToArray(), HostileExpect.Refuse, "limit");
        Case("declared-larger-than-pixels.dcm", Structure, DicomBuilder.GreyImage(480, 400, pixelBytes: 3840).ToArray(), HostileExpect.Refuse, "pixel data");
        foreach (var depth in new[] { 17, 100, 5000, 200_000 })
            Case($"sequences-nested-{depth}.dcm", Sizes, DicomBuilder.GreyImage(sequenceDepth: depth).ToArray(), HostileExpect.Refuse, "nested");

        // NaN / infinite display values
        foreach (var (field, value) in new[] { ("slope", "NaN"), ("slope", "Infinity"), ("slope", "-Infinity"), ("slope", "1e999"), ("intercept", "NaN"),
                     ("intercept", "-1e999"), ("centre", "NaN"), ("centre", "Infinity"), ("width", "NaN"), ("width", "1e999") })
        {
            var b = field switch
            {
                "slope" => DicomBuilder.GreyImage(slope: value),
                "intercept" => DicomBuilder.GreyImage(intercept: value),
                "centre" => DicomBuilder.GreyImage(centre: value, widthValue: "400"),
                _ => DicomBuilder.GreyImage(centre: "40", widthValue: value),
            };
            var mention = field switch { "slope" => "Rescale Slope", "intercept" => "Rescale Intercept", "centre" => "Window Center", _ => "Window Width" };
            Case($"{field}-{value.ToLower(CultureInfo.InvariantCulture)}.dcm", Wrong, b.ToArray(), HostileExpect.Refuse, mention);
        }

        // real compressed files written by GDCM, then cut
        var pixels = new ushort[64 * 48];
        for (int i = 0; i < pixels.Length; i++) pixels[i] = (ushort)(i * 13 % 4096);
        foreach (var ts in new[] { DicomTransferSyntax.JpegLossless, DicomTransferSyntax.RleLossless, DicomTransferSyntax.Jpeg2000Lossless, DicomTransferSyntax.ImplicitVrLittleEndian })
        {
            var path = Path.Combine(dir, $"gdcm-{ts}.dcm");
            DicomWriter.Write(path, pixels, 64, 48, new DicomWriteOptions { TransferSyntax = ts });
            cases.Add(new HostileCase($"dicom/gdcm-{ts}.dcm", "control", HostileAction.LoadImage, path, HostileExpect.Accept, null));
            var bytes = File.ReadAllBytes(path);
            for (int k = 1; k <= 12; k++)
                Case($"gdcm-{ts}-cut-{k:00}.dcm", Structure, bytes[..(int)((long)bytes.Length * k / 13)], HostileExpect.Refuse);
            if (ts != DicomTransferSyntax.ImplicitVrLittleEndian)
                for (int k = 0; k < 8; k++)
                    Case($"gdcm-{ts}-garbled-{k}.dcm", Codestream, GarbleFirstFragment(bytes, k), HostileExpect.Survive);
        }
    }

    /// <summary>
    /// The file with its first image fragment damaged (structure intact), seeded by <paramref name="variant"/>: random
    /// bytes scattered, a zeroed run, a garbled codestream header, or all random.
    /// </summary>
    private static byte[] GarbleFirstFragment(byte[] file, int variant)
    {
        var c = file.ToArray();
        int at = c.AsSpan().LastIndexOf(new byte[] { 0xE0, 0x7F, 0x10, 0x00, (byte)'O', (byte)'B', 0, 0, 0xFF, 0xFF, 0xFF, 0xFF });
        if (at < 0) throw new InvalidOperationException("no encapsulated pixel data to garble");
        int p = at + 12;
        p += 8 + (int)BitConverter.ToUInt32(c, p + 4); // basic offset table
        int start = p + 8, end = start + (int)BitConverter.ToUInt32(c, p + 4);
        var rng = new Random(1900 + variant);
        switch (variant % 4)
        {
            case 0: for (int i = 0; i < 24; i++) c[rng.Next(start, end)] = (byte)rng.Next(256); break;
            case 1: { int a = rng.Next(start, end); Array.Clear(c, a, Math.Min(64, end - a)); break; }
            case 2: for (int i = start; i < Math.Min(end, start + 40); i++) c[i] = (byte)rng.Next(256); break;
            default: for (int i = start; i < end; i++) c[i] = (byte)rng.Next(256); break;
        }
        return c;
    }

    /// <summary>A grey image whose pixel data element is written by <paramref name="pixels"/>.</summary>
    private static byte[] PixelVariant(string? ts, Action<DicomBuilder> pixels)
    {
        var b = new DicomBuilder();
        b.Text(0x0008, 0x0016, "UI", "1.2.840.10008.5.1.4.1.1.1.1");
        b.Us(0x0028, 0x0002, 1).Text(0x0028, 0x0004, "CS", "MONOCHROME2").Us(0x0028, 0x0010, 40).Us(0x0028, 0x0011, 48)
            .Us(0x0028, 0x0100, 16).Us(0x0028, 0x0101, 12).Us(0x0028, 0x0102, 11).Us(0x0028, 0x0103, 0);
        pixels(b);
        if (ts is not null) b.WithTransferSyntax(ts);
        return b.ToArray();
    }

    /// <summary>Offsets of the top-level data-set elements of an explicit-VR little-endian file without sequences.</summary>
    private static List<(int Offset, uint Tag, bool LongVr)> ElementOffsets(byte[] b)
    {
        var list = new List<(int, uint, bool)>();
        int pos = 132;
        while (pos + 8 <= b.Length)
        {
            uint tag = (uint)BitConverter.ToUInt16(b, pos) << 16 | BitConverter.ToUInt16(b, pos + 2);
            var vr = System.Text.Encoding.ASCII.GetString(b, pos + 4, 2);
            bool longVr = vr is "OB" or "OW" or "SQ" or "UN" or "UT";
            uint len = longVr ? BitConverter.ToUInt32(b, pos + 8) : BitConverter.ToUInt16(b, pos + 6);
            if (tag >> 16 != 0x0002) list.Add((pos, tag, longVr));
            pos += (longVr ? 12 : 8) + (int)len;
        }
        return list;
    }
}
