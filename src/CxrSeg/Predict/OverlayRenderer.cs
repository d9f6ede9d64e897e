using CxrSeg.Platform;
using SkiaSharp;

namespace CxrSeg.Predict;

/// <summary>
/// Draws class masks over a grey X-ray: translucent colour fills, opaque outlines for thin devices (thickened
/// with the image size so that they stay visible), and a legend of the classes present.
/// </summary>
public static class OverlayRenderer
{
    /// <summary>Renders the overlay into a new RGBA bitmap (the caller disposes it).</summary>
    /// <param name="grey">width×height bytes, bright = dense.</param>
    /// <param name="masks">One width×height 0/1 mask per class.</param>
    /// <param name="names">Class names, one per mask.</param>
    /// <param name="colours">Class colours, one per mask.</param>
    public static SKBitmap Render(byte[] grey, int width, int height, IReadOnlyList<byte[]> masks,
        IReadOnlyList<string> names, IReadOnlyList<SKColor> colours, OverlayStyle style)
    {
        if (grey.Length != width * height) throw new ArgumentException($"grey image holds {grey.Length} bytes, expected {width}×{height}");
        if (masks.Count != names.Count || names.Count != colours.Count) throw new ArgumentException("masks, names and colours must have the same count");
        // RGBA bytes, blended with integer weights (alpha in 1/256 steps): one pass per class present.
        var rgba = new byte[width * height * 4];
        for (var i = 0; i < grey.Length; i++)
        {
            var g = grey[i];
            rgba[4 * i] = g;
            rgba[4 * i + 1] = g;
            rgba[4 * i + 2] = g;
            rgba[4 * i + 3] = 255;
        }

        var thickness = Math.Max(1, (int)Math.Round(Math.Max(width, height) / 400.0));
        var fill = (int)Math.Round(Math.Clamp(style.FillAlpha, 0, 1) * 256);
        var present = new List<int>();
        for (var c = 0; c < masks.Count; c++)
        {
            var m = masks[c];
            if (m.Length != grey.Length) throw new ArgumentException($"mask '{names[c]}' has the wrong size");
            if (m.AsSpan().IndexOfAnyExcept((byte)0) < 0) continue;
            present.Add(c);
            var col = colours[c];
            if (style.OutlineClasses.Contains(names[c]))
            {
                var edge = Outline(m, width, height, thickness);
                for (var i = 0; i < edge.Length; i++)
                    if (edge[i]) Blend(rgba, i, col, 256);
            }
            else
            {
                for (var i = 0; i < m.Length; i++)
                    if (m[i] != 0) Blend(rgba, i, col, fill);
            }
        }

        var bmp = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var rowBytes = width * 4;
        var dst = bmp.GetPixels();
        if (bmp.RowBytes == rowBytes) System.Runtime.InteropServices.Marshal.Copy(rgba, 0, dst, rgba.Length);
        else
            for (var y = 0; y < height; y++)
                System.Runtime.InteropServices.Marshal.Copy(rgba, y * rowBytes, dst + y * bmp.RowBytes, rowBytes);
        if (style.Legend && present.Count > 0) DrawLegend(bmp, present.Select(c => (names[c], colours[c])).ToList());
        return bmp;
    }

    /// <summary>Boundary pixels of a mask (in the mask, with a 4-neighbour outside), dilated to <paramref name="thickness"/>.</summary>
    public static bool[] Outline(byte[] m, int w, int h, int thickness)
    {
        var edge = new bool[m.Length];
        for (var y = 0; y < h; y++)
            for (var x = 0; x < w; x++)
            {
                var i = y * w + x;
                if (m[i] == 0) continue;
                if (x == 0 || y == 0 || x == w - 1 || y == h - 1 || m[i - 1] == 0 || m[i + 1] == 0 || m[i - w] == 0 || m[i + w] == 0)
                    edge[i] = true;
            }
        if (thickness <= 1) return edge;
        var r = thickness / 2;
        var thick = new bool[m.Length];
        for (var y = 0; y < h; y++)
            for (var x = 0; x < w; x++)
            {
                if (!edge[y * w + x]) continue;
                for (var dy = -r; dy <= r; dy++)
                    for (var dx = -r; dx <= r; dx++)
                    {
                        int xx = x + dx, yy = y + dy;
                        if (xx >= 0 && yy >= 0 && xx < w && yy < h) thick[yy * w + xx] = true;
                    }
            }
        return thick;
    }

    private static void Blend(byte[] rgba, int i, SKColor c, int alpha256)
    {
        var keep = 256 - alpha256;
        rgba[4 * i] = (byte)((rgba[4 * i] * keep + c.Red * alpha256) >> 8);
        rgba[4 * i + 1] = (byte)((rgba[4 * i + 1] * keep + c.Green * alpha256) >> 8);
        rgba[4 * i + 2] = (byte)((rgba[4 * i + 2] * keep + c.Blue * alpha256) >> 8);
    }

    private static void DrawLegend(SKBitmap bmp, List<(string Name, SKColor Colour)> entries)
    {
        using var canvas = new SKCanvas(bmp);
        var size = Math.Clamp(bmp.Width / 45f, 9f, 28f);
        using var font = new SKFont(Typefaces.Default, size);
        using var text = new SKPaint { Color = SKColors.White, IsAntialias = true };
        using var box = new SKPaint { Color = new SKColor(0, 0, 0, 170) };
        var line = size * 1.35f;
        var width = entries.Max(e => font.MeasureText(e.Name)) + size * 2.2f;
        var pad = size * 0.5f;
        canvas.DrawRect(pad, pad, width + pad, line * entries.Count + pad, box);
        for (var k = 0; k < entries.Count; k++)
        {
            var y = pad + line * k + pad * 0.5f;
            using var sw = new SKPaint { Color = entries[k].Colour };
            canvas.DrawRect(pad * 2, y + line * 0.15f, size * 0.9f, size * 0.9f, sw);
            canvas.DrawText(entries[k].Name, pad * 2 + size * 1.3f, y + size, SKTextAlign.Left, font, text);
        }
    }
}
