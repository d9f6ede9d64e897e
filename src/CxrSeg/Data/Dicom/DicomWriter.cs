using System.Buffers.Binary;
using System.Text;
using CxrSeg.Platform;

namespace CxrSeg.Data.Dicom;

/// <summary>
/// Writes a single-frame grey DICOM (DX, for presentation) through GDCM: pixel data, transfer syntax,
/// photometric interpretation, optional rescale, window and VOI LUT, synthetic patient id and UIDs.
/// Used by the phantom generator and by tests that need DICOM fixtures.
/// </summary>
public static class DicomWriter
{
    private const string DxForPresentation = "1.2.840.10008.5.1.4.1.1.1.1";

    /// <summary>Writes <paramref name="pixels"/> (row-major, width×height stored values) to <paramref name="path"/> atomically.</summary>
    public static void Write(string path, ushort[] pixels, int width, int height, DicomWriteOptions options)
    {
        options.Validate();
        if (pixels.Length != width * height)
            throw new ArgumentException($"pixels hold {pixels.Length} values, expected {width}×{height}");
        var max = (1 << options.BitsStored) - 1;
        if (pixels.Any(p => p > max))
            throw new ArgumentException($"a pixel exceeds BitsStored={options.BitsStored} (max {max})");
        GdcmRuntime.Initialize();

        var bitsAllocated = options.BitsStored == 8 ? 8 : 16;
        byte[] raw;
        if (bitsAllocated == 8) raw = pixels.Select(p => (byte)p).ToArray();
        else
        {
            raw = new byte[pixels.Length * 2];
            for (var i = 0; i < pixels.Length; i++) BinaryPrimitives.WriteUInt16LittleEndian(raw.AsSpan(i * 2), pixels[i]);
        }

        // GDCM images are reference-counted natively: the filter below takes a smart pointer to this one and
        // deletes it when the filter is disposed, so the managed wrapper must not delete it a second time.
        var image = new gdcm.Image();
        GC.SuppressFinalize(image);
        image.SetNumberOfDimensions(2);
        image.SetDimension(0, (uint)width);
        image.SetDimension(1, (uint)height);
        using var pf = new gdcm.PixelFormat(bitsAllocated == 8 ? gdcm.PixelFormat.ScalarType.UINT8 : gdcm.PixelFormat.ScalarType.UINT16);
        pf.SetBitsStored((ushort)options.BitsStored);
        pf.SetHighBit((ushort)(options.BitsStored - 1));
        image.SetPixelFormat(pf);
        using var pi = new gdcm.PhotometricInterpretation(options.Monochrome1
            ? gdcm.PhotometricInterpretation.PIType.MONOCHROME1
            : gdcm.PhotometricInterpretation.PIType.MONOCHROME2);
        image.SetPhotometricInterpretation(pi);
        using var rawTs = new gdcm.TransferSyntax(gdcm.TransferSyntax.TSType.ExplicitVRLittleEndian);
        image.SetTransferSyntax(rawTs);
        using var pixelData = new gdcm.DataElement(new gdcm.Tag(0x7fe0, 0x0010));
        pixelData.SetByteValue(raw, new gdcm.VL((uint)raw.Length));
        image.SetDataElement(pixelData);

        using var change = new gdcm.ImageChangeTransferSyntax();
        using var target = new gdcm.TransferSyntax(ToGdcm(options.TransferSyntax));
        change.SetTransferSyntax(target);
        change.SetInput(image);
        if (!change.Change()) throw new InvalidOperationException($"GDCM could not encode {path} as {options.TransferSyntax}");

        using var writer = new gdcm.ImageWriter();
        writer.SetImage(change.GetOutput());
        var ds = writer.GetFile().GetDataSet();
        var uid = new gdcm.UIDGenerator();
        Put(ds, 0x0008, 0x0016, gdcm.VR.VRType.UI, DxForPresentation);
        Put(ds, 0x0008, 0x0018, gdcm.VR.VRType.UI, options.SopInstanceUid ?? uid.Generate());
        Put(ds, 0x0008, 0x0060, gdcm.VR.VRType.CS, options.Modality);
        Put(ds, 0x0008, 0x0068, gdcm.VR.VRType.CS, "FOR PRESENTATION");
        Put(ds, 0x0010, 0x0010, gdcm.VR.VRType.PN, "PHANTOM^SYNTHETIC");
        Put(ds, 0x0010, 0x0020, gdcm.VR.VRType.LO, options.PatientId);
        Put(ds, 0x0020, 0x000D, gdcm.VR.VRType.UI, options.StudyInstanceUid ?? uid.Generate());
        Put(ds, 0x0020, 0x000E, gdcm.VR.VRType.UI, options.SeriesInstanceUid ?? uid.Generate());
        if (options.Rescale is { } r)
        {
            Put(ds, 0x0028, 0x1052, gdcm.VR.VRType.DS, Ds(r.Intercept));
            Put(ds, 0x0028, 0x1053, gdcm.VR.VRType.DS, Ds(r.Slope));
            Put(ds, 0x0028, 0x1054, gdcm.VR.VRType.LO, "US");
        }
        if (options.Window is { } w)
        {
            Put(ds, 0x0028, 0x1050, gdcm.VR.VRType.DS, Ds(w.Center));
            Put(ds, 0x0028, 0x1051, gdcm.VR.VRType.DS, Ds(w.Width));
        }
        if (options.VoiLut is { } lut) PutVoiLut(ds, lut);

        AtomicFile.Write(path, tmp =>
        {
            writer.SetFileName(tmp);
            if (!writer.Write()) throw new IOException($"GDCM could not write {path}");
        });
    }

    private static gdcm.TransferSyntax.TSType ToGdcm(DicomTransferSyntax ts) => ts switch
    {
        DicomTransferSyntax.ExplicitVrLittleEndian => gdcm.TransferSyntax.TSType.ExplicitVRLittleEndian,
        DicomTransferSyntax.ImplicitVrLittleEndian => gdcm.TransferSyntax.TSType.ImplicitVRLittleEndian,
        DicomTransferSyntax.JpegLossless => gdcm.TransferSyntax.TSType.JPEGLosslessProcess14_1,
        DicomTransferSyntax.Jpeg2000Lossless => gdcm.TransferSyntax.TSType.JPEG2000Lossless,
        DicomTransferSyntax.RleLossless => gdcm.TransferSyntax.TSType.RLELossless,
        _ => throw new ArgumentOutOfRangeException(nameof(ts)),
    };

    private static string Ds(double v) => v.ToString("0.######", System.Globalization.CultureInfo.InvariantCulture);

    private static void Put(gdcm.DataSet ds, ushort group, ushort element, gdcm.VR.VRType vr, string value)
    {
        var bytes = Encoding.ASCII.GetBytes(value);
        if (bytes.Length % 2 == 1) bytes = [.. bytes, vr == gdcm.VR.VRType.UI ? (byte)0 : (byte)' '];
        PutBytes(ds, group, element, vr, bytes);
    }

    private static void PutBytes(gdcm.DataSet ds, ushort group, ushort element, gdcm.VR.VRType vr, byte[] bytes)
    {
        using var de = new gdcm.DataElement(new gdcm.Tag(group, element));
        de.SetVR(new gdcm.VR(vr));
        de.SetByteValue(bytes, new gdcm.VL((uint)bytes.Length));
        ds.Replace(de);
    }

    private static void PutVoiLut(gdcm.DataSet ds, VoiLutTable lut)
    {
        var sq = gdcm.SequenceOfItems.New();
        sq.SetLengthToUndefined();
        var item = new gdcm.Item();
        item.SetVLToUndefined();
        var nested = item.GetNestedDataSet();
        var descriptor = new byte[6];
        BinaryPrimitives.WriteUInt16LittleEndian(descriptor, (ushort)(lut.Data.Length == 65536 ? 0 : lut.Data.Length));
        BinaryPrimitives.WriteUInt16LittleEndian(descriptor.AsSpan(2), (ushort)lut.FirstMapped);
        BinaryPrimitives.WriteUInt16LittleEndian(descriptor.AsSpan(4), (ushort)lut.BitsPerEntry);
        PutBytes(nested, 0x0028, 0x3002, gdcm.VR.VRType.US, descriptor);
        Put(nested, 0x0028, 0x3003, gdcm.VR.VRType.LO, "SYNTHETIC VOI LUT");
        var data = new byte[lut.Data.Length * 2];
        for (var i = 0; i < lut.Data.Length; i++) BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(i * 2), lut.Data[i]);
        PutBytes(nested, 0x0028, 0x3006, gdcm.VR.VRType.OW, data);
        sq.AddItem(item);
        using var de = new gdcm.DataElement(new gdcm.Tag(0x0028, 0x3010));
        de.SetVR(new gdcm.VR(gdcm.VR.VRType.SQ));
        de.SetValue(sq.__ref__());
        de.SetVLToUndefined();
        ds.Replace(de);
    }
}
