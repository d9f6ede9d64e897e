namespace CxrSeg.Data.Images;

/// <summary>
/// The one colour → grey rule used everywhere: Y = (299·R + 587·G + 114·B + 500) / 1000 (ITU-R BT.601 luma,
/// rounded), on the stored (unpremultiplied) colour values. Alpha is ignored: X-ray files that carry an alpha
/// channel keep the radiograph in the colour channels, so compositing would only darken it.
/// </summary>
public static class GreyConversion
{
    /// <summary>Grey value of one RGB pixel.</summary>
    public static byte Luma(byte r, byte g, byte b) => (byte)((299 * r + 587 * g + 114 * b + 500) / 1000);
}
