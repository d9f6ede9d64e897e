namespace CxrSeg.Data.Dicom;

/// <summary>Transfer syntaxes <see cref="DicomWriter"/> can write (all decoded by GDCM).</summary>
public enum DicomTransferSyntax
{
    /// <summary>1.2.840.10008.1.2.1, uncompressed.</summary>
    ExplicitVrLittleEndian,
    /// <summary>1.2.840.10008.1.2, uncompressed.</summary>
    ImplicitVrLittleEndian,
    /// <summary>1.2.840.10008.1.2.4.70, JPEG lossless process 14 SV1.</summary>
    JpegLossless,
    /// <summary>1.2.840.10008.1.2.4.90, JPEG 2000 lossless.</summary>
    Jpeg2000Lossless,
    /// <summary>1.2.840.10008.1.2.5, RLE lossless.</summary>
    RleLossless,
}
