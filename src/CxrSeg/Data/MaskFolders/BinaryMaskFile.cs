using CxrSeg.Data.Images;

namespace CxrSeg.Data.MaskFolders;

/// <summary>Reads a lossless mask image (PNG, GIF or BMP; palette, grey or colour) as a 0/1 plane: any non-black pixel is on.</summary>
public static class BinaryMaskFile
{
    /// <summary>File extensions accepted for masks (lossy JPEG masks would smear their borders).</summary>
    public static IReadOnlyList<string> Extensions { get; } = [".png", ".gif", ".bmp"];

    /// <summary>Reads <paramref name="path"/>, which must be <paramref name="width"/>×<paramref name="height"/> (the image's size).</summary>
    public static byte[] Read(string path, int width, int height)
    {
        if (!Extensions.Contains(Path.GetExtension(path).ToLowerInvariant()))
            throw new UserFacingException($"{path}: masks must be lossless ({string.Join(", ", Extensions)})");
        var grey = SkiaImageDecoder.Decode(path);
        if (grey.Width != width || grey.Height != height)
            throw new UserFacingException($"{path} is {grey.Width}x{grey.Height} but its image is {width}x{height}");
        var plane = new byte[grey.Pixels.Length];
        for (var i = 0; i < plane.Length; i++) plane[i] = grey.Pixels[i] != 0 ? (byte)1 : (byte)0;
        return plane;
    }
}
