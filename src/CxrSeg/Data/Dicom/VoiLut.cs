namespace CxrSeg.Data.Dicom;

/// <summary>A VOI LUT (0028,3010) item: input values below <see cref="FirstMapped"/> take entry 0, above the last take the last entry.</summary>
public sealed record VoiLut(int FirstMapped, int BitsPerEntry, ushort[] Entries)
{
    /// <summary>Looks a (modality-mapped) value up.</summary>
    public int Lookup(double value)
    {
        long i = (long)Math.Floor(value) - FirstMapped;
        if (i < 0) i = 0;
        if (i >= Entries.Length) i = Entries.Length - 1;
        return Entries[i];
    }

    /// <summary>Largest possible output value: 2^BitsPerEntry − 1.</summary>
    public int MaxOutput => (1 << BitsPerEntry) - 1;
}
