using CxrSeg.Data.Dicom;
using CxrSeg.Tests.Support;

namespace CxrSeg.Tests.Data.Dicom;

/// <summary>Each display branch, on DICOMs written by <see cref="DicomWriter"/>.</summary>
public sealed class DicomDisplayTests
{
    private static ushort[] Ramp(int w, int h, int max) =>
        Enumerable.Range(0, w * h).Select(i => (ushort)(i * max / (w * h - 1))).ToArray();

    private static (DicomPixels Pixels, byte[] Display, DicomDisplayReport Report) WriteAndRead(TempDir t, ushort[] px, int w, int h, DicomWriteOptions o)
    {
        var path = t.File("x.dcm");
        DicomWriter.Write(path, px, w, h, o);
        var p = DicomDecoder.Read(path);
        var (img, rep) = DicomDisplay.Apply(p);
        return (p, img.Pixels, rep);
    }

    [Theory]
    [InlineData(DicomTransferSyntax.ExplicitVrLittleEndian)]
    [InlineData(DicomTransferSyntax.ImplicitVrLittleEndian)]
    [InlineData(DicomTransferSyntax.JpegLossless)]
    [InlineData(DicomTransferSyntax.Jpeg2000Lossless)]
    [InlineData(DicomTransferSyntax.RleLossless)]
    public void StoredValuesSurviveEveryLosslessTransferSyntax(DicomTransferSyntax ts)
    {
        using var t = new TempDir();
        var px = Ramp(17, 9, 4095);
        var (p, _, _) = WriteAndRead(t, px, 17, 9, new DicomWriteOptions { TransferSyntax = ts, BitsStored = 12 });
        Assert.Equal(px.Select(v => (int)v), p.Stored);
        Assert.Equal((17, 9, "MONOCHROME2"), (p.Width, p.Height, p.Photometric));
        Assert.InRange(p.BitsStored, 12, 16); // JPEG 2000 may report the codestream's precision
    }

    [Fact]
    public void WithoutWindowOrLut_TheFullBitsStoredRangeIsUsed()
    {
        using var t = new TempDir();
        var (_, d, rep) = WriteAndRead(t, [0, 1023, 2048, 4095], 2, 2, new DicomWriteOptions { BitsStored = 12 });
        Assert.Equal(new byte[] { 0, 64, 128, 255 }, d);
        Assert.Contains("full BitsStored range", rep.VoiStep);
        Assert.False(rep.Inverted);
    }

    [Fact]
    public void Monochrome1_IsInverted()
    {
        using var t = new TempDir();
        var (_, d, rep) = WriteAndRead(t, [0, 4095, 1023, 2048], 2, 2, new DicomWriteOptions { BitsStored = 12, Monochrome1 = true });
        Assert.Equal(new byte[] { 255, 0, 191, 127 }, d);
        Assert.True(rep.Inverted);
    }

    [Fact]
    public void Window_ClampsOutsideAndMapsCentreToMidGrey()
    {
        using var t = new TempDir();
        var (_, d, rep) = WriteAndRead(t, [100, 990, 1050, 3000], 2, 2, new DicomWriteOptions { BitsStored = 12, Window = (1050, 101) });
        Assert.Equal(0, d[0]);
        Assert.Equal(0, d[1]);
        Assert.InRange(d[2], 126, 129);
        Assert.Equal(255, d[3]);
        Assert.Contains("window centre 1050", rep.VoiStep);
    }

    [Fact]
    public void ModalityLut_IsAppliedBeforeTheWindow()
    {
        using var t = new TempDir();
        // value·2 − 1000: stored 1025 → 1050 (the window centre); stored 500 → 0 (below the window).
        var (p, d, rep) = WriteAndRead(t, [1025, 500, 2000, 1025], 2, 2,
            new DicomWriteOptions { BitsStored = 12, Rescale = (2, -1000), Window = (1050, 101) });
        Assert.Equal((2.0, -1000.0), (p.RescaleSlope, p.RescaleIntercept));
        Assert.InRange(d[0], 126, 129);
        Assert.Equal(0, d[1]);
        Assert.Equal(255, d[2]);
        Assert.Contains("slope 2", rep.ModalityLut);
    }

    [Fact]
    public void VoiLutSequence_TakesPrecedenceOverTheWindow()
    {
        using var t = new TempDir();
        // LUT over 0..3 (first mapped 0): reversed ramp 255,170,85,0 with 8-bit entries; values past the end take the last entry.
        var lut = new VoiLutTable(0, 8, [255, 170, 85, 0]);
        var (p, d, rep) = WriteAndRead(t, [0, 1, 2, 3000], 2, 2, new DicomWriteOptions { BitsStored = 12, VoiLut = lut, Window = (2000, 100) });
        Assert.NotNull(p.VoiLut);
        Assert.Equal(new byte[] { 255, 170, 85, 0 }, d);
        Assert.Contains("VOI LUT sequence", rep.VoiStep);
    }

    [Fact]
    public void VoiLutThenMonochrome1_InvertsTheLutOutput()
    {
        using var t = new TempDir();
        var lut = new VoiLutTable(10, 12, [0, 4095]);
        var (_, d, rep) = WriteAndRead(t, [0, 10, 11, 50], 2, 2, new DicomWriteOptions { BitsStored = 12, VoiLut = lut, Monochrome1 = true });
        Assert.Equal(new byte[] { 255, 255, 0, 0 }, d);
        Assert.True(rep.Inverted);
    }

    [Fact]
    public void TruncatedDicom_GivesAClearErrorNamingTheFile()
    {
        using var t = new TempDir();
        var path = t.File("cut.dcm");
        DicomWriter.Write(path, Ramp(64, 64, 4095), 64, 64, new DicomWriteOptions { BitsStored = 12 });
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        var e = Assert.Throws<UserFacingException>(() => DicomDecoder.Read(path));
        Assert.Contains("cut.dcm", e.Message);
    }

    [Fact]
    public void NotADicom_AndMissingFile_GiveClearErrors()
    {
        using var t = new TempDir();
        var path = t.File("junk.dcm");
        File.WriteAllText(path, "this is not a DICOM file");
        Assert.Contains("junk.dcm", Assert.Throws<UserFacingException>(() => DicomDecoder.Read(path)).Message);
        Assert.Contains("not found", Assert.Throws<UserFacingException>(() => DicomDecoder.Read(t.File("none.dcm"))).Message);
    }

    [Fact]
    public void PatientId_IsReadFromTheHeader()
    {
        using var t = new TempDir();
        var path = t.File("p.dcm");
        DicomWriter.Write(path, Ramp(4, 4, 255), 4, 4, new DicomWriteOptions { BitsStored = 8, PatientId = "PAT-42" });
        Assert.Equal("PAT-42", DicomDecoder.ReadPatientId(path));
    }
}
