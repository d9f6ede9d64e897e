using CxrSeg.Platform;
using SkiaSharp;

namespace CxrSeg.Data.Images;

/// <summary>Decodes PNG and JPEG files (grey, RGB or RGBA) with SkiaSharp into one grey channel (<see cref="GreyConversion"/>).</summary>
public static class SkiaImageDecoder
{
    /// <summary>
    /// Decodes a file to grey; throws <see cref="UserFacingException"/> naming the file when it is missing or cannot
    /// be decoded. Grey files (most radiographs) are decoded straight to 8-bit grey; colour files go through RGBA and
    /// <see cref="GreyConversion"/> (the two agree on grey content, where R = G = B).
    /// </summary>
    public static GreyImage Decode(string path)
    {
        using (var codec = Open(path))
            if (codec.Info.ColorType == SKColorType.Gray8)
            {
                var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Gray8, SKAlphaType.Opaque);
                var grey = new byte[info.BytesSize];
                GetPixels(codec, info, grey, path);
                return new GreyImage(info.Width, info.Height, grey);
            }
        var rgba = DecodeRgba(path, out var w, out var h);
        var g = new byte[w * h];
        for (int i = 0; i < g.Length; i++)
            g[i] = GreyConversion.Luma(rgba[4 * i], rgba[4 * i + 1], rgba[4 * i + 2]);
        return new GreyImage(w, h, g);
    }

    /// <summary>Decodes a file to unpremultiplied RGBA bytes (4 per pixel, row-major).</summary>
    public static byte[] DecodeRgba(string path, out int width, out int height)
    {
        using var codec = Open(path);
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var bytes = new byte[info.BytesSize];
        GetPixels(codec, info, bytes, path);
        width = info.Width;
        height = info.Height;
        return bytes;
    }

    private static SKCodec Open(string path)
    {
        RegularFile.Require(path, "image file");
        var codec = SKCodec.Create(path, out var result)
            ?? throw new UserFacingException($"cannot decode image {path}: {result} (not a readable PNG/JPEG?)");
        try { InputLimits.CheckImageSize($"image {path}", codec.Info.Width, codec.Info.Height); }
        catch { codec.Dispose(); throw; }
        return codec;
    }

    private static unsafe void GetPixels(SKCodec codec, SKImageInfo info, byte[] into, string path)
    {
        fixed (byte* p = into)
        {
            var r = codec.GetPixels(info, (IntPtr)p);
            if (r != SKCodecResult.Success)
                throw new UserFacingException($"cannot decode image {path}: {r} (truncated or corrupt file?)");
        }
    }

    /// <summary>Reads only the header: width and height.</summary>
    public static (int Width, int Height, string ColorType) ReadHeader(string path)
    {
        using var codec = Open(path);
        return (codec.Info.Width, codec.Info.Height, codec.Info.ColorType.ToString());
    }
}
