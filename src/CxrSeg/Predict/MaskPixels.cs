using System.Numerics;

namespace CxrSeg.Predict;

/// <summary>Vectorised operations on 0/1 mask planes.</summary>
public static class MaskPixels
{
    /// <summary>Number of non-zero bytes.</summary>
    public static long Count(ReadOnlySpan<byte> mask) => mask.Length - mask.Count((byte)0);

    /// <summary>Writes a 0/1 mask as 0/255 bytes (the values of the mask PNGs) into <paramref name="destination"/>.</summary>
    public static void To255(ReadOnlySpan<byte> mask, Span<byte> destination)
    {
        if (destination.Length < mask.Length) throw new ArgumentException("destination is shorter than the mask");
        var n = Vector<byte>.Count;
        var i = 0;
        for (; i + n <= mask.Length; i += n)
            (Vector<byte>.Zero - Vector.Min(new Vector<byte>(mask.Slice(i, n)), Vector<byte>.One)).CopyTo(destination.Slice(i, n));
        for (; i < mask.Length; i++) destination[i] = mask[i] != 0 ? (byte)255 : (byte)0;
    }
}
