using CxrSeg.Data.Ccxs;

namespace CxrSeg.Phantoms;

/// <summary>
/// A rendered phantom: intensities in [0, 1] (bright = dense), one 0/1 mask per CCXS class
/// (<see cref="CcxsClasses"/> order) and a box per opacity.
/// </summary>
public sealed class PhantomImage
{
    /// <summary>Creates a rendered phantom.</summary>
    public PhantomImage(int width, int height, float[] pixels, byte[][] masks, IReadOnlyList<PhantomBox> boxes)
    {
        Width = width;
        Height = height;
        Pixels = pixels;
        Masks = masks;
        Boxes = boxes;
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }
    /// <summary>Height in pixels.</summary>
    public int Height { get; }
    /// <summary>Row-major intensities in [0, 1].</summary>
    public float[] Pixels { get; }
    /// <summary>13 row-major 0/1 masks, index = CCXS channel.</summary>
    public byte[][] Masks { get; }
    /// <summary>One box per opacity that is visible in the image.</summary>
    public IReadOnlyList<PhantomBox> Boxes { get; }

    /// <summary>Intensities quantised to 8 bits.</summary>
    public byte[] ToGray8()
    {
        var b = new byte[Pixels.Length];
        for (var i = 0; i < b.Length; i++) b[i] = (byte)Math.Clamp((int)MathF.Round(Pixels[i] * 255f), 0, 255);
        return b;
    }

    /// <summary>Intensities quantised to <paramref name="bits"/> bits (0 … 2^bits − 1).</summary>
    public ushort[] ToUInt16(int bits)
    {
        var max = (1 << bits) - 1;
        var v = new ushort[Pixels.Length];
        for (var i = 0; i < v.Length; i++) v[i] = (ushort)Math.Clamp((int)MathF.Round(Pixels[i] * max), 0, max);
        return v;
    }
}
