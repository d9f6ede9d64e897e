using System.Text;

namespace CxrSeg.Reliability;

/// <summary>
/// Writes small DICOM Part-10 files byte by byte (explicit VR little endian), so that the hostile corpus can state
/// exactly what is wrong in a file: any attribute value, a length that lies, an undefined length, nested sequences.
/// Elements are written in the order they are added (add them in ascending tag order for a well-formed file).
/// </summary>
public sealed class DicomBuilder
{
    private static readonly HashSet<string> LongVrs = ["OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV"];
    private readonly MemoryStream _data = new();
    private string _transferSyntax = "1.2.840.10008.1.2.1";

    /// <summary>A well-formed grey image: <paramref name="width"/>×<paramref name="height"/>, 16 bits allocated, 12 stored, MONOCHROME2, a gradient.</summary>
    public static DicomBuilder GreyImage(int width = 48, int height = 40, string photometric = "MONOCHROME2", int bitsAllocated = 16,
        int bitsStored = 12, int? highBit = null, string? slope = null, string? intercept = null, string? centre = null, string? widthValue = null,
        int samples = 1, string? frames = null, int? pixelBytes = null, int sequenceDepth = 0)
    {
        var b = new DicomBuilder();
        b.Text(0x0008, 0x0016, "UI", "1.2.840.10008.5.1.4.1.1.1.1");
        b.Text(0x0008, 0x0018, "UI", "1.2.826.0.1.3680043.8.498.1");
        b.Text(0x0008, 0x0060, "CS", "DX");
        b.Text(0x0010, 0x0020, "LO", "CORPUS-PATIENT");
        b.Us(0x0028, 0x0002, (ushort)samples);
        b.Text(0x0028, 0x0004, "CS", photometric);
        if (frames is not null) b.Text(0x0028, 0x0008, "IS", frames);
        b.Us(0x0028, 0x0010, (ushort)height);
        b.Us(0x0028, 0x0011, (ushort)width);
        b.Us(0x0028, 0x0100, (ushort)bitsAllocated);
        b.Us(0x0028, 0x0101, (ushort)bitsStored);
        b.Us(0x0028, 0x0102, (ushort)(highBit ?? bitsStored - 1));
        b.Us(0x0028, 0x0103, 0);
        if (centre is not null) b.Text(0x0028, 0x1050, "DS", centre);
        if (widthValue is not null) b.Text(0x0028, 0x1051, "DS", widthValue);
        if (intercept is not null) b.Text(0x0028, 0x1052, "DS", intercept);
        if (slope is not null) b.Text(0x0028, 0x1053, "DS", slope);
        if (sequenceDepth > 0) b.NestedSequences(0x0040, 0x0275, sequenceDepth);
        int bytesPer = bitsAllocated / 8;
        var px = new byte[pixelBytes ?? width * height * Math.Max(1, bytesPer) * Math.Max(1, samples)];
        for (int i = 0; i + 1 < px.Length; i += 2)
        {
            int v = (i / 2 * 7) % (1 << Math.Min(bitsStored, 12));
            px[i] = (byte)v;
            px[i + 1] = (byte)(v >> 8);
        }
        b.Raw(0x7FE0, 0x0010, bitsAllocated == 8 ? "OB" : "OW", px);
        return b;
    }

    /// <summary>Sets the transfer syntax written in the file meta (the data set stays explicit VR little endian).</summary>
    public DicomBuilder WithTransferSyntax(string uid)
    {
        _transferSyntax = uid;
        return this;
    }

    /// <summary>A text element (padded to even length with a space, or NUL for UI).</summary>
    public DicomBuilder Text(ushort group, ushort element, string vr, string value)
    {
        var bytes = Encoding.ASCII.GetBytes(value);
        if (bytes.Length % 2 == 1) bytes = [.. bytes, (byte)(vr == "UI" ? 0 : ' ')];
        return Raw(group, element, vr, bytes);
    }

    /// <summary>An unsigned short element.</summary>
    public DicomBuilder Us(ushort group, ushort element, ushort value) => Raw(group, element, "US", BitConverter.GetBytes(value));

    /// <summary>An element with raw value bytes and its true length.</summary>
    public DicomBuilder Raw(ushort group, ushort element, string vr, byte[] value) => Header(group, element, vr, (uint)value.Length).Bytes(value);

    /// <summary>Only an element header, with any length (a lie, or 0xFFFFFFFF): follow it with <see cref="Bytes"/>.</summary>
    public DicomBuilder Header(ushort group, ushort element, string vr, uint length)
    {
        U16(group); U16(element);
        _data.Write(Encoding.ASCII.GetBytes(vr));
        if (LongVrs.Contains(vr)) { U16(0); U32(length); }
        else U16((ushort)length);
        return this;
    }

    /// <summary>Raw bytes.</summary>
    public DicomBuilder Bytes(byte[] b)
    {
        _data.Write(b);
        return this;
    }

    /// <summary>An item or delimiter tag (FFFE,xxxx) with a length.</summary>
    public DicomBuilder Item(ushort element, uint length)
    {
        U16(0xFFFE); U16(element); U32(length);
        return this;
    }

    /// <summary>A sequence nested <paramref name="depth"/> levels deep, each of undefined length holding one item of undefined length.</summary>
    public DicomBuilder NestedSequences(ushort group, ushort element, int depth)
    {
        for (int d = 0; d < depth; d++) { Header(group, element, "SQ", 0xFFFFFFFF); Item(0xE000, 0xFFFFFFFF); }
        for (int d = 0; d < depth; d++) { Item(0xE00D, 0); Item(0xE0DD, 0); }
        return this;
    }

    /// <summary>The complete file: preamble, "DICM", file meta information (with its group length), data set.</summary>
    public byte[] ToArray()
    {
        var meta = new DicomBuilder();
        meta.Raw(0x0002, 0x0001, "OB", [0, 1]);
        meta.Text(0x0002, 0x0002, "UI", "1.2.840.10008.5.1.4.1.1.1.1");
        meta.Text(0x0002, 0x0003, "UI", "1.2.826.0.1.3680043.8.498.1");
        meta.Text(0x0002, 0x0010, "UI", _transferSyntax);
        var metaBytes = meta._data.ToArray();
        var file = new MemoryStream();
        file.Write(new byte[128]);
        file.Write("DICM"u8);
        var gl = new DicomBuilder().Raw(0x0002, 0x0000, "UL", BitConverter.GetBytes((uint)metaBytes.Length));
        file.Write(gl._data.ToArray());
        file.Write(metaBytes);
        file.Write(_data.ToArray());
        return file.ToArray();
    }

    private void U16(ushort v) => _data.Write(BitConverter.GetBytes(v));
    private void U32(uint v) => _data.Write(BitConverter.GetBytes(v));
}
