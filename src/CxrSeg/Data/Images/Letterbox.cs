namespace CxrSeg.Data.Images;

/// <summary>
/// Aspect-preserving fit of a Width×Height image into a Size×Size square: scale = Size / max(Width, Height),
/// the scaled image is centred and the rest padded with 0 (black). <see cref="ToTarget"/> and <see cref="ToSource"/>
/// map coordinates both ways, so predictions can be mapped back to the original resolution.
/// </summary>
public sealed record Letterbox(int SourceWidth, int SourceHeight, int Size)
{
    /// <summary>Source pixels per target pixel is 1/Scale.</summary>
    public double Scale => (double)Size / Math.Max(SourceWidth, SourceHeight);

    /// <summary>Width of the image inside the square.</summary>
    public int ContentWidth => Math.Max(1, (int)Math.Round(SourceWidth * Scale));

    /// <summary>Height of the image inside the square.</summary>
    public int ContentHeight => Math.Max(1, (int)Math.Round(SourceHeight * Scale));

    /// <summary>Left padding in target pixels.</summary>
    public int OffsetX => (Size - ContentWidth) / 2;

    /// <summary>Top padding in target pixels.</summary>
    public int OffsetY => (Size - ContentHeight) / 2;

    /// <summary>Maps a source point (pixel-edge coordinates) to the square.</summary>
    public (double X, double Y) ToTarget(double x, double y) =>
        (OffsetX + x * ContentWidth / SourceWidth, OffsetY + y * ContentHeight / SourceHeight);

    /// <summary>Maps a point of the square back to source coordinates (may fall outside the source in the padding).</summary>
    public (double X, double Y) ToSource(double x, double y) =>
        ((x - OffsetX) * SourceWidth / ContentWidth, (y - OffsetY) * SourceHeight / ContentHeight);

    /// <summary>Resizes a grey image into the square (bilinear-area filtering via SkiaSharp), padding with 0.</summary>
    public byte[] Apply(GreyImage image)
    {
        Check(image.Width, image.Height);
        return ImageResize.GreyInto(image, Size, OffsetX, OffsetY, ContentWidth, ContentHeight);
    }

    /// <summary>Resizes a 0/1 mask plane (SourceWidth×SourceHeight) into the square with nearest neighbour, staying binary.</summary>
    public void ApplyMask(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (source.Length != SourceWidth * SourceHeight) throw new ArgumentException("mask plane does not match the source size");
        destination[..(Size * Size)].Clear();
        for (int ty = 0; ty < ContentHeight; ty++)
        {
            int sy = Math.Min(SourceHeight - 1, (int)((ty + 0.5) * SourceHeight / ContentHeight));
            var row = destination.Slice((ty + OffsetY) * Size + OffsetX, ContentWidth);
            for (int tx = 0; tx < ContentWidth; tx++)
            {
                int sx = Math.Min(SourceWidth - 1, (int)((tx + 0.5) * SourceWidth / ContentWidth));
                row[tx] = source[sy * SourceWidth + sx] != 0 ? (byte)1 : (byte)0;
            }
        }
    }

    /// <summary>Maps a Size×Size 0/1 plane back to a SourceWidth×SourceHeight plane with nearest neighbour.</summary>
    public byte[] InvertMask(ReadOnlySpan<byte> square)
    {
        if (square.Length != Size * Size) throw new ArgumentException("plane is not Size×Size");
        var dst = new byte[SourceWidth * SourceHeight];
        for (int y = 0; y < SourceHeight; y++)
        {
            int ty = OffsetY + Math.Min(ContentHeight - 1, (int)((y + 0.5) * ContentHeight / SourceHeight));
            for (int x = 0; x < SourceWidth; x++)
            {
                int tx = OffsetX + Math.Min(ContentWidth - 1, (int)((x + 0.5) * ContentWidth / SourceWidth));
                dst[y * SourceWidth + x] = square[ty * Size + tx];
            }
        }
        return dst;
    }

    private void Check(int w, int h)
    {
        if (w != SourceWidth || h != SourceHeight)
            throw new ArgumentException($"image is {w}x{h}, letterbox was made for {SourceWidth}x{SourceHeight}");
    }
}
