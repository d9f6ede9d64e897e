namespace CxrSeg.Data.Dicom;

/// <summary>A VOI LUT (0028,3010) item: stored value <see cref="FirstMapped"/> + i maps to <see cref="Data"/>[i]; values outside clamp to the ends.</summary>
/// <param name="FirstMapped">First stored value mapped (LUT Descriptor, second value).</param>
/// <param name="BitsPerEntry">Bits of each output entry (LUT Descriptor, third value), 8–16.</param>
/// <param name="Data">The table.</param>
public sealed record VoiLutTable(int FirstMapped, int BitsPerEntry, ushort[] Data);
