namespace CxrSeg.Predict;

/// <summary>Counts the positive pixels of a 0/1 mask (vectorised).</summary>
public static class MaskPixels
{
    /// <summary>Number of non-zero bytes.</summary>
    public static long Count(ReadOnlySpan<byte> mask) => mask.Length - mask.Count((byte)0);
}
