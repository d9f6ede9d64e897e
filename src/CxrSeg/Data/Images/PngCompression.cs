namespace CxrSeg.Data.Images;

/// <summary>How hard the PNG encoder works.</summary>
public enum PngCompression
{
    /// <summary>libpng's defaults (adaptive filter per row, zlib level 6): the smallest files, for data and reports.</summary>
    Small,

    /// <summary>
    /// <see cref="PngStreamWriter"/>: the "Up" filter and zlib-ng's level 2, colour written as RGB without alpha.
    /// For bulk outputs such as prediction masks and overlays: on a 1024² prediction overlay it encodes in about a
    /// tenth of the time of <see cref="Small"/>, for a file of about the same size.
    /// </summary>
    Fast,
}
