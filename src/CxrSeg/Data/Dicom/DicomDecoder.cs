using System.Globalization;
using CxrSeg.Platform;

namespace CxrSeg.Data.Dicom;

/// <summary>
/// Reads a DICOM file with GDCM (every transfer syntax GDCM decodes) into <see cref="DicomPixels"/>.
/// Multi-frame and colour images are refused with a <see cref="UserFacingException"/> naming the file. Every file first
/// passes <see cref="DicomStructure.Check(string)"/>, so GDCM never sees a file it would abort the process on.
/// </summary>
public static class DicomDecoder
{
    private static readonly object InitGate = new();
    private static bool _ready;

    /// <summary>True when the file starts like a DICOM Part-10 file ("DICM" at byte 128).</summary>
    public static bool LooksLikeDicom(string path)
    {
        if (path.EndsWith(".dcm", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".dicom", StringComparison.OrdinalIgnoreCase)) return true;
        if (!RegularFile.Is(path)) return false;
        try
        {
            using var fs = File.OpenRead(path);
            if (fs.Length < 132) return false;
            var b = new byte[132];
            fs.ReadExactly(b);
            return b[128] == 'D' && b[129] == 'I' && b[130] == 'C' && b[131] == 'M';
        }
        catch (IOException) { return false; }
    }

    /// <summary>Decodes the pixel data and the display-relevant header fields.</summary>
    public static DicomPixels Read(string path)
    {
        EnsureGdcm();
        // GDCM aborts the process on some malformed files: only files that pass the managed structural check reach it
        var header = DicomStructure.Check(path);
        using var reader = new gdcm.ImageReader();
        reader.SetFileName(path);
        if (!reader.Read()) throw new UserFacingException($"cannot read DICOM {path}: not a DICOM image or truncated/corrupt file");
        var image = reader.GetImage();
        var file = reader.GetFile();
        var ds = file.GetDataSet();
        var pf = image.GetPixelFormat();
        int samples = pf.GetSamplesPerPixel();
        var pi = image.GetPhotometricInterpretation().GetString() ?? "";
        pi = pi.Trim();
        if (samples != 1 || !(pi == "MONOCHROME1" || pi == "MONOCHROME2"))
            throw new UserFacingException($"DICOM {path} is a colour image ({pi}, {samples} samples per pixel): only grey (MONOCHROME1/2) radiographs are supported");
        uint frames = image.GetNumberOfDimensions() > 2 ? image.GetDimension(2) : 1;
        if (frames > 1) throw new UserFacingException($"DICOM {path} has {frames} frames: only single-frame images are supported");
        int w = (int)image.GetDimension(0), h = (int)image.GetDimension(1);
        int bitsAllocated = pf.GetBitsAllocated(), bitsStored = pf.GetBitsStored();
        bool signed = pf.GetPixelRepresentation() == 1;
        if (bitsAllocated != 8 && bitsAllocated != 16)
            throw new UserFacingException($"DICOM {path} has BitsAllocated={bitsAllocated}: only 8 and 16 are supported");
        var pixelTag = new gdcm.Tag(0x7fe0, 0x0010);
        if (!ds.FindDataElement(pixelTag)) throw new UserFacingException($"DICOM {path} has no pixel data (7FE0,0010)");
        var rawPixels = ds.GetDataElement(pixelTag).GetByteValue();
        long needed = (long)w * h * (bitsAllocated / 8);
        var ts = file.GetHeader().GetDataSetTransferSyntax();
        bool deflated = (ts.GetString() ?? "").TrimEnd('\0', ' ') == "1.2.840.10008.1.2.1.99";
        if (rawPixels is not null && !deflated && rawPixels.GetLength().GetValueLength() < needed)
            throw new UserFacingException($"DICOM {path}: pixel data holds {rawPixels.GetLength().GetValueLength()} bytes, {needed} expected (truncated file?)");
        if (w != header.Columns || h != header.Rows)
            throw new UserFacingException($"DICOM {path}: the decoder reports {w}x{h} but Columns/Rows say {header.Columns}x{header.Rows}");
        var buffer = new byte[image.GetBufferLength()];
        if (!image.GetBuffer(buffer)) throw new UserFacingException($"cannot decode the pixel data of DICOM {path} (truncated or unsupported compression)");
        int bytesPer = bitsAllocated / 8;
        if (buffer.Length < w * h * bytesPer) throw new UserFacingException($"DICOM {path}: pixel data holds {buffer.Length} bytes, {w * h * bytesPer} expected");
        var stored = new int[w * h];
        int mask = (1 << bitsStored) - 1, signBit = 1 << (bitsStored - 1);
        for (int i = 0; i < stored.Length; i++)
        {
            int v = bytesPer == 1 ? buffer[i] : buffer[2 * i] | (buffer[2 * i + 1] << 8);
            v &= mask;
            if (signed && (v & signBit) != 0) v -= 1 << bitsStored;
            stored[i] = v;
        }
        var sf = new gdcm.StringFilter();
        sf.SetFile(file);
        double? First(ushort g, ushort e)
        {
            var s = Str(ds, sf, g, e);
            if (s is null) return null;
            var part = s.Split('\\')[0].Trim();
            return double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;
        }
        double slope = First(0x0028, 0x1053) ?? 1.0, intercept = First(0x0028, 0x1052) ?? 0.0;
        double? centre = First(0x0028, 0x1050), width = First(0x0028, 0x1051);
        Finite(path, "Rescale Slope (0028,1053)", slope);
        Finite(path, "Rescale Intercept (0028,1052)", intercept);
        if (centre is { } c) Finite(path, "Window Center (0028,1050)", c);
        if (width is { } wd) Finite(path, "Window Width (0028,1051)", wd);
        if (slope == 0) slope = 1.0;
        return new DicomPixels
        {
            Width = w, Height = h, Stored = stored, BitsAllocated = bitsAllocated, BitsStored = bitsStored, Signed = signed,
            Photometric = pi,
            TransferSyntaxUid = ts.GetString()?.Trim('\0', ' ') ?? "",
            TransferSyntaxName = TransferSyntaxNames.Of((ts.GetString() ?? "").Trim((char)0, (char)32)),
            RescaleSlope = slope, RescaleIntercept = intercept,
            WindowCenter = centre, WindowWidth = width,
            WindowFunction = Str(ds, sf, 0x0028, 0x1056)?.Trim(),
            VoiLut = ReadVoiLut(ds, path),
        };
    }

    /// <summary>Reads PatientID (0010,0020) for patient-level splits (managed, after the structural check). The value is only used as a grouping key and never printed.</summary>
    public static string? ReadPatientId(string path) => DicomStructure.ReadPatientId(path);

    /// <summary>A rescale or window value that is NaN or infinite would blank the image without a word: refuse it, naming the field.</summary>
    private static void Finite(string path, string field, double v)
    {
        if (!double.IsFinite(v)) throw new UserFacingException($"DICOM {path}: {field} is {v.ToString(CultureInfo.InvariantCulture)}, not a finite number");
    }

    private static string? Str(gdcm.DataSet ds, gdcm.StringFilter sf, ushort g, ushort e)
    {
        var tag = new gdcm.Tag(g, e);
        if (!ds.FindDataElement(tag)) return null;
        var de = ds.GetDataElement(tag);
        if (de.IsEmpty()) return null;
        var s = sf.ToString(tag);
        return string.IsNullOrWhiteSpace(s) ? null : s.Trim('\0', ' ');
    }

    private static VoiLut? ReadVoiLut(gdcm.DataSet ds, string path)
    {
        var seqTag = new gdcm.Tag(0x0028, 0x3010);
        if (!ds.FindDataElement(seqTag)) return null;
        var sq = ds.GetDataElement(seqTag).GetValueAsSQ();
        if (sq is null || sq.GetNumberOfItems() == 0) return null;
        var item = sq.GetItem(1).GetNestedDataSet();
        var desc = Bytes(item, 0x0028, 0x3002);
        var data = Bytes(item, 0x0028, 0x3006);
        if (desc is null || data is null || desc.Length < 6)
            throw new UserFacingException($"DICOM {path}: VOI LUT sequence item lacks a valid LUT Descriptor or LUT Data");
        int entries = BitConverter.ToUInt16(desc, 0);
        if (entries == 0) entries = 65536;
        int first = desc.Length >= 6 ? BitConverter.ToUInt16(desc, 2) : 0;
        // First mapped value is US or SS per the pixel representation; treat values ≥ 32768 as negative only when
        // the descriptor says so would need the VR: values that large are unusual for a first mapped value.
        if (first >= 32768) first -= 65536;
        int bits = BitConverter.ToUInt16(desc, 4);
        var lut = new ushort[entries];
        if (data.Length >= 2 * entries)
            for (int i = 0; i < entries; i++) lut[i] = BitConverter.ToUInt16(data, 2 * i);
        else if (data.Length >= entries)
            for (int i = 0; i < entries; i++) lut[i] = data[i];
        else
            throw new UserFacingException($"DICOM {path}: VOI LUT Data holds {data.Length} bytes for {entries} entries");
        if (bits < 1 || bits > 16) bits = 16;
        return new VoiLut(first, bits, lut);
    }

    private static byte[]? Bytes(gdcm.DataSet ds, ushort g, ushort e)
    {
        var tag = new gdcm.Tag(g, e);
        if (!ds.FindDataElement(tag)) return null;
        var bv = ds.GetDataElement(tag).GetByteValue();
        if (bv is null) return null;
        uint len = bv.GetLength().GetValueLength();
        var b = new byte[len];
        bv.GetBuffer(b, len);
        return b;
    }

    private static void EnsureGdcm()
    {
        if (_ready) return;
        lock (InitGate)
        {
            if (_ready) return;
            try { GdcmRuntime.Initialize(); }
            catch (GdcmMissingException e) { throw new UserFacingException(e.Message, e); }
            _ready = true;
        }
    }
}
