namespace CxrSeg.Data.Dicom;

/// <summary>
/// One decoded single-frame grey DICOM image: the stored values exactly as decoded (sign-extended to BitsStored)
/// and the header fields the display pipeline needs. Holds no identifying header field.
/// </summary>
public sealed record DicomPixels
{
    /// <summary>Columns.</summary>
    public required int Width { get; init; }
    /// <summary>Rows.</summary>
    public required int Height { get; init; }
    /// <summary>Stored values, row-major.</summary>
    public required int[] Stored { get; init; }
    /// <summary>Bits allocated per sample (8 or 16).</summary>
    public required int BitsAllocated { get; init; }
    /// <summary>Bits stored.</summary>
    public required int BitsStored { get; init; }
    /// <summary>True when samples are signed (PixelRepresentation = 1).</summary>
    public required bool Signed { get; init; }
    /// <summary>MONOCHROME1 or MONOCHROME2.</summary>
    public required string Photometric { get; init; }
    /// <summary>Transfer syntax UID.</summary>
    public required string TransferSyntaxUid { get; init; }
    /// <summary>Transfer syntax name.</summary>
    public required string TransferSyntaxName { get; init; }
    /// <summary>Modality LUT slope (1 when absent).</summary>
    public required double RescaleSlope { get; init; }
    /// <summary>Modality LUT intercept (0 when absent).</summary>
    public required double RescaleIntercept { get; init; }
    /// <summary>First window centre, when present.</summary>
    public double? WindowCenter { get; init; }
    /// <summary>First window width, when present.</summary>
    public double? WindowWidth { get; init; }
    /// <summary>VOI LUT function (LINEAR, LINEAR_EXACT, SIGMOID), when present.</summary>
    public string? WindowFunction { get; init; }
    /// <summary>First item of the VOI LUT sequence, when present.</summary>
    public VoiLut? VoiLut { get; init; }

    /// <summary>The stored values as little-endian bytes of BitsAllocated width (two's complement when signed), as DICOM stores them uncompressed.</summary>
    public byte[] RawLittleEndian()
    {
        if (BitsAllocated == 8) return Stored.Select(v => (byte)v).ToArray();
        var b = new byte[2 * Stored.Length];
        for (int i = 0; i < Stored.Length; i++) { b[2 * i] = (byte)Stored[i]; b[2 * i + 1] = (byte)(Stored[i] >> 8); }
        return b;
    }
}
