using System.Globalization;
using System.Text;
using CxrSeg.Platform;
using static CxrSeg.Data.Dicom.DicomStructure;

namespace CxrSeg.Data.Dicom;

/// <summary>Walks one data set encoding; records the top-level elements the image check needs.</summary>
internal sealed class DicomStructureWalker(string path, byte[] b, bool bigEndian, bool implicitVr, bool encapsulated)
{
    private readonly Dictionary<uint, (int Offset, int Length)> _top = new();
    private bool _pixelUndefined;
    private int _elements;

    /// <summary>When set, the walk stops at the first top-level element after this tag (header-only reads).</summary>
    public uint? StopAfter { get; init; }

    /// <summary>True when a header-only walk hit the end of its prefix (the caller then reads the whole file).</summary>
    public bool PastPrefix { get; private set; }

    /// <summary>PatientID after a walk.</summary>
    public string? PatientId => Text(0x00100020);

    private ushort U16(int at) => bigEndian ? (ushort)(b[at] << 8 | b[at + 1]) : BitConverter.ToUInt16(b, at);
    private uint U32(int at) => bigEndian ? (uint)(b[at] << 24 | b[at + 1] << 16 | b[at + 2] << 8 | b[at + 3]) : BitConverter.ToUInt32(b, at);
    private uint Tag(int at) => (uint)U16(at) << 16 | U16(at + 2);
    private static string T(uint tag) => $"({tag >> 16:X4},{tag & 0xFFFF:X4})";

    public void TopLevel(int start)
    {
        try
        {
            int end = DataSet(start, b.Length, depth: 0, untilItemEnd: false, top: true);
            if (end != b.Length && StopAfter is null) throw Damaged(path, $"unexpected bytes at offset {end}");
        }
        catch (UserFacingException) when (StopAfter is not null)
        {
            PastPrefix = true;
            throw;
        }
    }

    /// <summary>Walks elements from <paramref name="pos"/> to <paramref name="end"/> (or to an item delimiter); returns the position after.</summary>
    private int DataSet(int pos, int end, int depth, bool untilItemEnd, bool top)
    {
        uint last = 0;
        bool first = true;
        while (pos < end)
        {
            if (end - pos < 8) throw Damaged(path, $"element header at offset {pos} is cut off (truncated file)");
            if (++_elements > 5_000_000) throw Damaged(path, "more than 5,000,000 elements");
            uint tag = Tag(pos);
            if (tag == ItemEnd)
            {
                if (!untilItemEnd) throw Damaged(path, $"item delimiter at offset {pos} outside an item of undefined length");
                return pos + 8;
            }
            if (tag >> 16 == 0xFFFE) throw Damaged(path, $"item tag {T(tag)} at offset {pos} where an element was expected");
            if (top && tag >> 16 == 0x0002) throw Damaged(path, $"file meta element {T(tag)} inside the data set at offset {pos}");
            if (top && StopAfter is { } stop && tag > stop) return pos;
            if (!first && tag <= last) throw Damaged(path, $"element {T(tag)} at offset {pos} is out of order (after {T(last)})");
            first = false;
            last = tag;
            string? vr = null;
            int header;
            uint len;
            if (implicitVr) { header = 8; len = U32(pos + 4); }
            else
            {
                if (!IsVr(b[pos + 4], b[pos + 5])) throw Damaged(path, $"element {T(tag)} at offset {pos} has no valid VR");
                vr = Encoding.ASCII.GetString(b, pos + 4, 2);
                if (LongVrs.Contains(vr))
                {
                    if (end - pos < 12) throw Damaged(path, $"element {T(tag)} header is cut off (truncated file)");
                    header = 12; len = U32(pos + 8);
                }
                else { header = 8; len = U16(pos + 6); }
            }
            int v = pos + header;
            if (len == Undefined)
            {
                if (tag == PixelData && top)
                {
                    if (!encapsulated) throw Damaged(path, "pixel data (7FE0,0010) has undefined length but the transfer syntax is not compressed");
                    _pixelUndefined = true;
                    int after = Fragments(v, end);
                    _top[tag] = (v, after - v);
                    pos = after;
                    continue;
                }
                if (vr is not null && vr != "SQ" && vr != "UN")
                    throw Damaged(path, $"element {T(tag)} ({vr}) has undefined length, allowed only for sequences and compressed pixel data");
                // an undefined-length UN holds a sequence encoded as implicit VR little endian
                pos = vr == "UN"
                    ? new DicomStructureWalker(path, b, bigEndian: false, implicitVr: true, encapsulated).Sequence(v, end, undefined: true, depth + 1, tag)
                    : Sequence(v, end, undefined: true, depth + 1, tag);
                continue;
            }
            if ((long)v + len > end)
                throw Damaged(path, $"element {T(tag)} at offset {pos} declares {len} bytes but only {Math.Max(0, end - v)} remain (truncated file or bad length)");
            int vend = v + (int)len;
            bool looksLikeItems = len >= 8 && Tag(v) == ItemTag;
            if (vr == "SQ" || (implicitVr && looksLikeItems)) Sequence(v, vend, undefined: false, depth + 1, tag);
            if (top) _top[tag] = (v, (int)len);
            pos = vend;
        }
        if (untilItemEnd) throw Damaged(path, "an item of undefined length is not closed (truncated file)");
        return pos;
    }

    /// <summary>Walks the items of a sequence; returns the position after it.</summary>
    private int Sequence(int pos, int end, bool undefined, int depth, uint owner)
    {
        if (depth > InputLimits.MaxDicomDepth)
            throw Damaged(path, $"sequence {T(owner)} is nested {depth} levels deep, over the limit of {InputLimits.MaxDicomDepth} (CXRSEG_MAX_DICOM_DEPTH)");
        while (pos < end)
        {
            if (end - pos < 8) throw Damaged(path, $"sequence {T(owner)}: item header at offset {pos} is cut off (truncated file)");
            uint tag = Tag(pos);
            uint len = U32(pos + 4);
            if (tag == SequenceEnd)
            {
                if (!undefined) throw Damaged(path, $"sequence {T(owner)}: sequence delimiter in a sequence of defined length");
                return pos + 8;
            }
            if (tag != ItemTag) throw Damaged(path, $"sequence {T(owner)}: {T(tag)} at offset {pos} where an item was expected");
            int v = pos + 8;
            if (len == Undefined) { pos = DataSet(v, end, depth, untilItemEnd: true, top: false); continue; }
            if ((long)v + len > end) throw Damaged(path, $"sequence {T(owner)}: item at offset {pos} declares {len} bytes but only {Math.Max(0, end - v)} remain");
            int after = DataSet(v, v + (int)len, depth, untilItemEnd: false, top: false);
            if (after != v + (int)len) throw Damaged(path, $"sequence {T(owner)}: item at offset {pos} does not end where its length says");
            pos = after;
        }
        if (undefined) throw Damaged(path, $"sequence {T(owner)} of undefined length is not closed (truncated file)");
        return pos;
    }

    /// <summary>Encapsulated pixel data: a basic offset table item, then fragments of defined length, then a sequence delimiter.</summary>
    private int Fragments(int pos, int end)
    {
        int items = 0;
        long data = 0;
        while (true)
        {
            if (end - pos < 8) throw Damaged(path, "encapsulated pixel data is cut off before its sequence delimiter (truncated file)");
            uint tag = Tag(pos);
            uint len = U32(pos + 4);
            if (tag == SequenceEnd)
            {
                if (items < 2 || data == 0) throw Damaged(path, "encapsulated pixel data holds no image fragment");
                return pos + 8;
            }
            if (tag != ItemTag) throw Damaged(path, $"encapsulated pixel data: {T(tag)} at offset {pos} where a fragment item was expected");
            if (len == Undefined) throw Damaged(path, $"encapsulated pixel data: fragment at offset {pos} has undefined length");
            if ((long)pos + 8 + len > end) throw Damaged(path, $"encapsulated pixel data: fragment at offset {pos} declares {len} bytes but only {Math.Max(0, end - pos - 8)} remain (truncated file)");
            if (items > 0) data += len;
            items++;
            pos += 8 + (int)len;
        }
    }

    private int? Us(uint tag, string name)
    {
        if (!_top.TryGetValue(tag, out var e)) return null;
        if (e.Length < 2) throw Damaged(path, $"{name} {T(tag)} is empty");
        return U16(e.Offset);
    }

    private string? Text(uint tag)
    {
        if (!_top.TryGetValue(tag, out var e) || e.Length == 0) return null;
        var s = Encoding.ASCII.GetString(b, e.Offset, e.Length).Trim('\0', ' ');
        return s.Length == 0 ? null : s;
    }

    public DicomHeader Header(string ts)
    {
        int rows = Us(0x00280010, "Rows") ?? throw Damaged(path, "no Rows (0028,0010)");
        int cols = Us(0x00280011, "Columns") ?? throw Damaged(path, "no Columns (0028,0011)");
        if (rows == 0 || cols == 0) throw Damaged(path, $"image size {cols}x{rows} is empty (Rows/Columns)");
        InputLimits.CheckImageSize($"DICOM {path}", cols, rows);
        int samples = Us(0x00280002, "Samples per Pixel") ?? 1;
        var pi = Text(0x00280004) ?? throw Damaged(path, "no Photometric Interpretation (0028,0004)");
        if (samples != 1 || pi is not ("MONOCHROME1" or "MONOCHROME2"))
            throw new UserFacingException($"DICOM {path} is a colour image ({pi}, {samples} samples per pixel): only grey (MONOCHROME1/2) radiographs are supported");
        var framesText = Text(0x00280008);
        if (framesText is not null)
        {
            if (!int.TryParse(framesText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var frames) || frames < 1)
                throw Damaged(path, $"Number of Frames (0028,0008) is '{framesText}'");
            if (frames > 1) throw new UserFacingException($"DICOM {path} has {frames} frames: only single-frame images are supported");
        }
        int ba = Us(0x00280100, "Bits Allocated") ?? throw Damaged(path, "no Bits Allocated (0028,0100)");
        if (ba != 8 && ba != 16) throw new UserFacingException($"DICOM {path} has BitsAllocated={ba}: only 8 and 16 are supported");
        int bs = Us(0x00280101, "Bits Stored") ?? ba;
        if (bs < 1 || bs > ba) throw Damaged(path, $"Bits Stored (0028,0101) = {bs} with Bits Allocated {ba}");
        int? hb = Us(0x00280102, "High Bit");
        if (hb is { } h && h != bs - 1)
            throw new UserFacingException($"DICOM {path}: High Bit (0028,0102) = {h} with Bits Stored {bs}; only High Bit = Bits Stored - 1 is supported");
        int? rep = Us(0x00280103, "Pixel Representation");
        if (rep is { } r && r > 1) throw Damaged(path, $"Pixel Representation (0028,0103) = {r}, expected 0 or 1");
        if (!_top.TryGetValue(PixelData, out var px)) throw Damaged(path, "no pixel data (7FE0,0010)");
        if (encapsulated && !_pixelUndefined) throw Damaged(path, "the transfer syntax is compressed but the pixel data (7FE0,0010) is not encapsulated");
        long needed = (long)rows * cols * (ba / 8);
        if (!encapsulated && px.Length < needed)
            throw Damaged(path, $"pixel data holds {px.Length} bytes, {needed} expected (truncated file?)");
        return new DicomHeader
        {
            TransferSyntaxUid = ts, Rows = rows, Columns = cols, BitsAllocated = ba, BitsStored = bs, Photometric = pi,
            Encapsulated = encapsulated, PatientId = Text(0x00100020),
        };
    }
}
