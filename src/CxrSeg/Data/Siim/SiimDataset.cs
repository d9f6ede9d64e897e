namespace CxrSeg.Data.Siim;

/// <summary>SIIM rows that could be joined, plus warnings for the rows that could not.</summary>
public sealed record SiimDataset(string Root, IReadOnlyList<SiimRecord> Records, IReadOnlyList<string> Warnings);
