using CxrSeg.Data.Dicom;
using CxrSeg.Platform;
using CxrSeg.Tests.Support;

namespace CxrSeg.Tests.Data.Dicom;

public sealed class DicomWriterTests
{
    private static ushort[] Ramp(int w, int h, int bits)
    {
        var max = (1 << bits) - 1;
        return Enumerable.Range(0, w * h).Select(i => (ushort)(i * 37 % (max + 1))).ToArray();
    }

    [Theory]
    [InlineData(DicomTransferSyntax.ExplicitVrLittleEndian, 12)]
    [InlineData(DicomTransferSyntax.ImplicitVrLittleEndian, 16)]
    [InlineData(DicomTransferSyntax.JpegLossless, 10)]
    [InlineData(DicomTransferSyntax.Jpeg2000Lossless, 14)]
    [InlineData(DicomTransferSyntax.RleLossless, 8)]
    public void Pixels_read_back_bit_exactly_through_gdcm(DicomTransferSyntax ts, int bits)
    {
        using var tmp = new TempDir();
        var path = tmp.File("x.dcm");
        var px = Ramp(24, 17, bits);
        DicomWriter.Write(path, px, 24, 17, new DicomWriteOptions { TransferSyntax = ts, BitsStored = bits, Monochrome1 = bits == 10 });
        GdcmRuntime.Initialize();
        using var reader = new gdcm.ImageReader();
        reader.SetFileName(path);
        Assert.True(reader.Read());
        var image = reader.GetImage();
        Assert.Equal(24u, image.GetDimension(0));
        Assert.Equal(17u, image.GetDimension(1));
        var buf = new byte[image.GetBufferLength()];
        Assert.True(image.GetBuffer(buf));
        var back = bits == 8 ? buf.Select(b => (ushort)b).ToArray()
            : Enumerable.Range(0, px.Length).Select(i => BitConverter.ToUInt16(buf, i * 2)).ToArray();
        Assert.Equal(px, back);
        Assert.Equal(bits == 10 ? "MONOCHROME1" : "MONOCHROME2", image.GetPhotometricInterpretation().GetString().Trim());
    }

    [Fact]
    public void Header_carries_patient_id_window_and_voi_lut()
    {
        using var tmp = new TempDir();
        var path = tmp.File("y.dcm");
        var lut = new VoiLutTable(0, 16, Enumerable.Range(0, 4096).Select(i => (ushort)(i * 16)).ToArray());
        DicomWriter.Write(path, Ramp(8, 8, 12), 8, 8, new DicomWriteOptions
        {
            PatientId = "PHANTOM-0042", Window = (1000, 400), VoiLut = lut, Rescale = (2, -10),
        });
        GdcmRuntime.Initialize();
        using var reader = new gdcm.Reader();
        reader.SetFileName(path);
        Assert.True(reader.Read());
        var ds = reader.GetFile().GetDataSet();
        Assert.Equal("PHANTOM-0042", Text(ds, 0x0010, 0x0020));
        Assert.Equal("1000", Text(ds, 0x0028, 0x1050));
        Assert.Equal("400", Text(ds, 0x0028, 0x1051));
        Assert.Equal("2", Text(ds, 0x0028, 0x1053));
        Assert.True(ds.FindDataElement(new gdcm.Tag(0x0028, 0x3010)));
        var sq = ds.GetDataElement(new gdcm.Tag(0x0028, 0x3010)).GetValueAsSQ();
        Assert.Equal(1u, sq.GetNumberOfItems());
    }

    [Fact]
    public void Values_beyond_bits_stored_are_refused()
    {
        using var tmp = new TempDir();
        var e = Assert.Throws<ArgumentException>(() =>
            DicomWriter.Write(tmp.File("z.dcm"), [5000], 1, 1, new DicomWriteOptions { BitsStored = 12 }));
        Assert.Contains("BitsStored", e.Message);
    }

    private static string Text(gdcm.DataSet ds, ushort g, ushort e)
    {
        var bv = ds.GetDataElement(new gdcm.Tag(g, e)).GetByteValue();
        var len = bv.GetLength().GetValueLength();
        var buf = new byte[len];
        bv.GetBuffer(buf, len);
        return System.Text.Encoding.ASCII.GetString(buf).TrimEnd('\0', ' ');
    }
}
