namespace CxrSeg.Data.Dicom;

/// <summary>How <see cref="DicomWriter"/> encodes a single-frame grey image. Identifiers must be synthetic.</summary>
public sealed record DicomWriteOptions
{
    /// <summary>Encoding of the pixel data.</summary>
    public DicomTransferSyntax TransferSyntax { get; init; } = DicomTransferSyntax.ExplicitVrLittleEndian;

    /// <summary>Bits stored (8–16); values must lie in [0, 2^BitsStored). Bits allocated is 8 when this is 8, else 16.</summary>
    public int BitsStored { get; init; } = 12;

    /// <summary>MONOCHROME1 (bright = low value) instead of MONOCHROME2.</summary>
    public bool Monochrome1 { get; init; }

    /// <summary>Rescale slope/intercept (Modality LUT); null writes none.</summary>
    public (double Slope, double Intercept)? Rescale { get; init; }

    /// <summary>Window centre/width; null writes none.</summary>
    public (double Center, double Width)? Window { get; init; }

    /// <summary>A VOI LUT sequence with one table; null writes none.</summary>
    public VoiLutTable? VoiLut { get; init; }

    /// <summary>Synthetic patient id (0010,0020).</summary>
    public string PatientId { get; init; } = "PHANTOM-0000";

    /// <summary>Study/series/SOP instance UIDs; generated when null.</summary>
    public string? StudyInstanceUid { get; init; }

    /// <summary>Series instance UID; generated when null.</summary>
    public string? SeriesInstanceUid { get; init; }

    /// <summary>SOP instance UID; generated when null.</summary>
    public string? SopInstanceUid { get; init; }

    /// <summary>Modality (0008,0060).</summary>
    public string Modality { get; init; } = "DX";

    /// <summary>Throws an <see cref="ArgumentException"/> naming the bad field.</summary>
    public void Validate()
    {
        if (BitsStored is < 8 or > 16) throw new ArgumentException($"DicomWriteOptions.BitsStored must be 8–16 (got {BitsStored})");
        if (VoiLut is { } l && (l.BitsPerEntry is < 8 or > 16 || l.Data.Length == 0))
            throw new ArgumentException("DicomWriteOptions.VoiLut needs 8–16 bits per entry and at least one entry");
        if (Window is { Width: <= 0 }) throw new ArgumentException("DicomWriteOptions.Window width must be > 0");
    }
}
