namespace CxrSeg.Data.Images;

/// <summary>An 8-bit grey image (bright = dense), row-major.</summary>
public sealed class GreyImage
{
    /// <summary>Wraps pixels; <paramref name="pixels"/> must hold width×height bytes.</summary>
    public GreyImage(int width, int height, byte[] pixels)
    {
        if (width <= 0 || height <= 0) throw new ArgumentOutOfRangeException(nameof(width), $"image size {width}x{height} is not positive");
        if (pixels.Length != width * height) throw new ArgumentException($"expected {width * height} pixels, got {pixels.Length}", nameof(pixels));
        Width = width;
        Height = height;
        Pixels = pixels;
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>Row-major pixels, 0..255.</summary>
    public byte[] Pixels { get; }
}
