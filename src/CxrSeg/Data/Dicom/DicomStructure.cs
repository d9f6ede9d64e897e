using System.Globalization;
using System.IO.Compression;
using System.Text;
using CxrSeg.Platform;

namespace CxrSeg.Data.Dicom;

/// <summary>
/// A managed structural check of a DICOM Part-10 file, run before GDCM sees it. GDCM as packaged by Debian is built with
/// assertions: a truncated file, an element length beyond the end, an undefined length where none is allowed, broken
/// encapsulated fragments or a colour image end the whole process with SIGABRT, which no managed handler can catch.
/// This walk visits every element of the file (sequences and items included, up to <see cref="InputLimits.MaxDicomDepth"/>
/// levels), checks each length against the bytes that remain, and checks the image attributes this project supports,
/// so that only well-formed single-frame grey images reach the native decoder. Errors name the file and the element.
/// </summary>
public static class DicomStructure
{
    internal const uint PixelData = 0x7FE00010;
    internal const uint ItemTag = 0xFFFEE000, ItemEnd = 0xFFFEE00D, SequenceEnd = 0xFFFEE0DD;
    internal const uint Undefined = 0xFFFFFFFF;

    internal static readonly HashSet<string> LongVrs = ["OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV"];

    /// <summary>Native (uncompressed) transfer syntaxes.</summary>
    private static readonly HashSet<string> Native = ["1.2.840.10008.1.2", "1.2.840.10008.1.2.1", "1.2.840.10008.1.2.1.99", "1.2.840.10008.1.2.2"];

    /// <summary>Checks the file and returns its header facts; throws <see cref="UserFacingException"/> naming the file and the bad element.</summary>
    public static DicomHeader Check(string path)
    {
        RegularFile.Require(path, "DICOM file");
        long length = new FileInfo(path).Length;
        if (length > InputLimits.MaxDicomBytes)
            throw new UserFacingException($"DICOM {path} is {length} bytes, over the limit of {InputLimits.MaxDicomBytes} (raise CXRSEG_MAX_DICOM_BYTES if this is a real image)");
        return Check(path, File.ReadAllBytes(path));
    }

    /// <summary>
    /// Reads PatientID (0010,0020) with the same structural checks, from the start of the file only (the elements up to
    /// group 0010): a stats run over thousands of large DICOMs reads their headers, not their pixels. Null when absent.
    /// </summary>
    public static string? ReadPatientId(string path)
    {
        RegularFile.Require(path, "DICOM file");
        long length = new FileInfo(path).Length;
        int prefix = (int)Math.Min(length, 256 * 1024);
        var bytes = new byte[prefix];
        using (var fs = File.OpenRead(path)) fs.ReadExactly(bytes);
        if (bytes.Length < 132 || bytes[128] != 'D' || bytes[129] != 'I' || bytes[130] != 'C' || bytes[131] != 'M')
            throw Damaged(path, "not a DICOM Part-10 file (no 'DICM' marker at byte 128)");
        var (ts, dataStart) = ReadMeta(path, bytes);
        if (ts == "1.2.840.10008.1.2.1.99" || prefix == length) return Check(path, File.ReadAllBytes(path)).PatientId;
        var walker = new DicomStructureWalker(path, bytes, bigEndian: ts == "1.2.840.10008.1.2.2", implicitVr: ts == "1.2.840.10008.1.2", !Native.Contains(ts))
        {
            StopAfter = 0x00100020,
        };
        try { walker.TopLevel(dataStart); }
        catch (UserFacingException) when (walker.PastPrefix) { return Check(path, File.ReadAllBytes(path)).PatientId; }
        return walker.PatientId;
    }

    /// <summary>Checks the bytes of a file named <paramref name="path"/> (for messages).</summary>
    public static DicomHeader Check(string path, byte[] bytes)
    {
        if (bytes.Length < 132 || bytes[128] != 'D' || bytes[129] != 'I' || bytes[130] != 'C' || bytes[131] != 'M')
            throw Damaged(path, "not a DICOM Part-10 file (no 'DICM' marker at byte 128)");
        var (ts, dataStart) = ReadMeta(path, bytes);
        byte[] data = bytes;
        int start = dataStart;
        if (ts == "1.2.840.10008.1.2.1.99")
        {
            data = Inflate(path, bytes, dataStart);
            start = 0;
        }
        bool encapsulated = !Native.Contains(ts);
        if (encapsulated && !(ts.StartsWith("1.2.840.10008.1.2.4.", StringComparison.Ordinal) || ts == "1.2.840.10008.1.2.5"))
            throw Damaged(path, $"transfer syntax '{ts}' is not one this tool decodes");
        var walker = new DicomStructureWalker(path, data, bigEndian: ts == "1.2.840.10008.1.2.2", implicitVr: ts == "1.2.840.10008.1.2", encapsulated);
        walker.TopLevel(start);
        return walker.Header(ts);
    }

    private static (string Ts, int DataStart) ReadMeta(string path, byte[] b)
    {
        int pos = 132;
        string? ts = null;
        long? groupEnd = null;
        while (pos + 8 <= b.Length && BitConverter.ToUInt16(b, pos) == 0x0002)
        {
            ushort elem = BitConverter.ToUInt16(b, pos + 2);
            string vr = Encoding.ASCII.GetString(b, pos + 4, 2);
            if (!IsVr(b[pos + 4], b[pos + 5])) throw Damaged(path, $"file meta element (0002,{elem:X4}) has no valid VR");
            int header = LongVrs.Contains(vr) ? 12 : 8;
            if (pos + header > b.Length) throw Damaged(path, $"file meta element (0002,{elem:X4}) is cut off (truncated file)");
            long len = header == 12 ? BitConverter.ToUInt32(b, pos + 8) : BitConverter.ToUInt16(b, pos + 6);
            if (len == Undefined || pos + header + len > b.Length)
                throw Damaged(path, $"file meta element (0002,{elem:X4}) declares {len} bytes but {Math.Max(0, b.Length - pos - header)} remain");
            int v = pos + header;
            if (elem == 0x0000 && len == 4) groupEnd = v + 4 + (long)BitConverter.ToUInt32(b, v);
            if (elem == 0x0010) ts = Encoding.ASCII.GetString(b, v, (int)len).TrimEnd('\0', ' ');
            pos = v + (int)len;
        }
        if (groupEnd is { } ge && ge != pos)
            throw Damaged(path, $"File Meta Information Group Length (0002,0000) says the meta ends at byte {ge}, but it ends at {pos}");
        if (string.IsNullOrEmpty(ts)) throw Damaged(path, "no Transfer Syntax UID (0002,0010) in the file meta information");
        return (ts, pos);
    }

    private static byte[] Inflate(string path, byte[] b, int start)
    {
        long cap = InputLimits.MaxDicomBytes;
        try
        {
            using var src = new DeflateStream(new MemoryStream(b, start, b.Length - start), CompressionMode.Decompress);
            using var dst = new MemoryStream();
            var buf = new byte[81920];
            int n;
            while ((n = src.Read(buf, 0, buf.Length)) > 0)
            {
                dst.Write(buf, 0, n);
                if (dst.Length > cap) throw Damaged(path, $"deflated data set inflates beyond {cap} bytes");
            }
            return dst.ToArray();
        }
        catch (InvalidDataException) { throw Damaged(path, "deflated data set is corrupt"); }
    }

    internal static bool IsVr(byte a, byte b) => a is >= (byte)'A' and <= (byte)'Z' && b is >= (byte)'A' and <= (byte)'Z';

    internal static UserFacingException Damaged(string path, string what) => new($"DICOM {path} is damaged or unsupported: {what}");
}
