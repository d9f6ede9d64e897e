using CxrSeg.Data.Ccxs;
using CxrSeg.Platform;
using SkiaSharp;

namespace CxrSeg.Phantoms;

/// <summary>A contact sheet of phantoms with coloured mask outlines/fills (CCXS colours) and opacity boxes.</summary>
public static class PreviewSheet
{
    /// <summary>Writes a PNG contact sheet of <paramref name="items"/> (tile size <paramref name="tile"/> px) atomically.</summary>
    public static void Write(string path, IReadOnlyList<(PhantomImage Image, string Title)> items, int tile = 256, int columns = 6, bool overlays = true)
    {
        if (items.Count == 0) throw new UserFacingException("preview: there are no images to show");
        columns = Math.Min(columns, items.Count);
        var rows = (items.Count + columns - 1) / columns;
        var th = tile + 16;
        using var sheet = new SKBitmap(columns * tile, rows * th, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var canvas = new SKCanvas(sheet);
        canvas.Clear(new SKColor(40, 40, 40));
        using var font = new SKFont { Size = 11 };
        using var text = new SKPaint { Color = SKColors.White, IsAntialias = true };
        for (var k = 0; k < items.Count; k++)
        {
            var (img, title) = items[k];
            using var bmp = ToBitmap(img, overlays);
            var sc = Math.Min((float)tile / img.Width, (float)tile / img.Height);
            var dw = img.Width * sc;
            var dh = img.Height * sc;
            var ox = (k % columns) * tile + (tile - dw) / 2;
            var oy = (k / columns) * th + (tile - dh) / 2;
            using var image = SKImage.FromBitmap(bmp);
            canvas.DrawImage(image, SKRect.Create(ox, oy, dw, dh), new SKSamplingOptions(SKFilterMode.Linear));
            if (overlays)
            {
                using var boxPaint = new SKPaint { Color = SKColors.Lime, Style = SKPaintStyle.Stroke, StrokeWidth = 1.5f };
                foreach (var b in img.Boxes) canvas.DrawRect(SKRect.Create(ox + b.X0 * sc, oy + b.Y0 * sc, b.Width * sc, b.Height * sc), boxPaint);
            }
            canvas.DrawText(title, (k % columns) * tile + 3, (k / columns) * th + tile + 12, SKTextAlign.Left, font, text);
        }
        using var data = sheet.Encode(SKEncodedImageFormat.Png, 100);
        AtomicFile.WriteAllBytes(path, data.Span);
    }

    private static SKBitmap ToBitmap(PhantomImage img, bool overlays)
    {
        var bmp = new SKBitmap(img.Width, img.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        var px = new byte[img.Width * img.Height * 4];
        var n = img.Width * img.Height;
        for (var i = 0; i < n; i++)
        {
            float v = Math.Clamp(img.Pixels[i], 0, 1) * 255;
            float rr = v, gg = v, bb = v;
            if (overlays)
                for (var c = 0; c < img.Masks.Length; c++)
                {
                    if (img.Masks[c][i] == 0) continue;
                    var col = CcxsClasses.All[c];
                    var edge = IsEdge(img.Masks[c], i, img.Width, img.Height);
                    var a = edge ? 0.9f : (c <= 3 ? 0.0f : 0.35f);
                    rr = rr * (1 - a) + col.R * a;
                    gg = gg * (1 - a) + col.G * a;
                    bb = bb * (1 - a) + col.B * a;
                }
            px[4 * i] = (byte)rr;
            px[4 * i + 1] = (byte)gg;
            px[4 * i + 2] = (byte)bb;
            px[4 * i + 3] = 255;
        }
        System.Runtime.InteropServices.Marshal.Copy(px, 0, bmp.GetPixels(), px.Length);
        return bmp;
    }

    private static bool IsEdge(byte[] m, int i, int w, int h)
    {
        var x = i % w;
        var y = i / w;
        return x == 0 || y == 0 || x == w - 1 || y == h - 1 || m[i - 1] == 0 || m[i + 1] == 0 || m[i - w] == 0 || m[i + w] == 0;
    }
}
