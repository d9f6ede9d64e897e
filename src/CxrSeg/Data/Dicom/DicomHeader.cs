namespace CxrSeg.Data.Dicom;

/// <summary>
/// What <see cref="DicomStructure"/> learnt from a file it accepted: the image geometry and pixel format, the transfer
/// syntax, and the PatientID (a grouping key only: never printed or stored).
/// </summary>
public sealed record DicomHeader
{
    /// <summary>Transfer syntax UID of the data set.</summary>
    public required string TransferSyntaxUid { get; init; }
    /// <summary>Rows.</summary>
    public required int Rows { get; init; }
    /// <summary>Columns.</summary>
    public required int Columns { get; init; }
    /// <summary>8 or 16.</summary>
    public required int BitsAllocated { get; init; }
    /// <summary>1..BitsAllocated.</summary>
    public required int BitsStored { get; init; }
    /// <summary>MONOCHROME1 or MONOCHROME2.</summary>
    public required string Photometric { get; init; }
    /// <summary>True when the pixel data is encapsulated (compressed).</summary>
    public required bool Encapsulated { get; init; }
    /// <summary>PatientID (0010,0020), trimmed; null when absent or empty. Never print it.</summary>
    public string? PatientId { get; init; }
}
