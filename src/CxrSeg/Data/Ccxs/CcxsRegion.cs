namespace CxrSeg.Data.Ccxs;

/// <summary>One row of structure.csv: a class region whose cropped mask (or none) is pasted at (Left, Top).</summary>
public sealed record CcxsRegion(int ClassIndex, string? MaskFile, int Left, int Top, int Width, int Height, string Where);
