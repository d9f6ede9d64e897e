namespace CxrSeg.Data.Prepare;

/// <summary>
/// One image ready for the cache: Size×Size grey bytes, the target (mask C×Size×Size or C labels), per-class
/// labelled flags, and per-class presence at source resolution (a drawn mask pixel or a positive label). When the
/// splits are made the pixels are dropped and <see cref="PixelHash"/> (SHA-256 of the prepared image) stands for them.
/// </summary>
public sealed record PreparedItem(string Id, string PatientId, byte[] Image, byte[]? Mask, float[]? Labels, byte[] Labelled, byte[] Present)
{
    /// <summary>Hex SHA-256 of the prepared image bytes, set by <c>prepare</c> before the splits are made; null before.</summary>
    public string? PixelHash { get; init; }
}
