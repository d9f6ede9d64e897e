using SkiaSharp;

namespace CxrSeg.Data.Images;

/// <summary>Decodes PNG and JPEG files (grey, RGB or RGBA) with SkiaSharp into one grey channel (<see cref="GreyConversion"/>).</summary>
public static class SkiaImageDecoder
{
    /// <summary>Decodes a file to grey; throws <see cref="UserFacingException"/> naming the file when it is missing or cannot be decoded.</summary>
    public static GreyImage Decode(string path)
    {
        var rgba = DecodeRgba(path, out var w, out var h);
        var grey = new byte[w * h];
        for (int i = 0; i < grey.Length; i++)
            grey[i] = GreyConversion.Luma(rgba[4 * i], rgba[4 * i + 1], rgba[4 * i + 2]);
        return new GreyImage(w, h, grey);
    }

    /// <summary>Decodes a file to unpremultiplied RGBA bytes (4 per pixel, row-major).</summary>
    public static byte[] DecodeRgba(string path, out int width, out int height)
    {
        if (!File.Exists(path)) throw new UserFacingException($"image file not found: {path}");
        using var codec = SKCodec.Create(path, out var result)
            ?? throw new UserFacingException($"cannot decode image {path}: {result} (not a readable PNG/JPEG?)");
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var bytes = new byte[info.BytesSize];
        unsafe
        {
            fixed (byte* p = bytes)
            {
                var r = codec.GetPixels(info, (IntPtr)p);
                if (r != SKCodecResult.Success)
                    throw new UserFacingException($"cannot decode image {path}: {r} (truncated or corrupt file?)");
            }
        }
        width = info.Width;
        height = info.Height;
        return bytes;
    }

    /// <summary>Reads only the header: width and height.</summary>
    public static (int Width, int Height, string ColorType) ReadHeader(string path)
    {
        if (!File.Exists(path)) throw new UserFacingException($"image file not found: {path}");
        using var codec = SKCodec.Create(path, out var result)
            ?? throw new UserFacingException($"cannot decode image {path}: {result}");
        return (codec.Info.Width, codec.Info.Height, codec.Info.ColorType.ToString());
    }
}
