namespace CxrSeg.Data.Images;

/// <summary>How hard the PNG encoder works.</summary>
public enum PngCompression
{
    /// <summary>libpng's defaults (adaptive filter per row, zlib level 6): the smallest files, for data and reports.</summary>
    Small,

    /// <summary>
    /// The "Up" filter and zlib level 1: for bulk outputs such as prediction masks and overlays. On a 1024² overlay
    /// this encodes about 10× faster than <see cref="Small"/> for a file about 12% larger.
    /// </summary>
    Fast,
}
