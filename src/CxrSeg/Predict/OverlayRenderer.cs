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
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <param name="masks">One width×height 0/1 mask per class.</param>
    /// <param name="names">Class names, one per mask.</param>
    /// <param name="colours">Class colours, one per mask.</param>
    /// <param name="style">Fill opacity, outlined classes and legend.</param>
    /// <param name="scratch">Where the outline planes come from (reused between images by a job), when given.</param>
    public static SKBitmap Render(byte[] grey, int width, int height, IReadOnlyList<byte[]> masks,
        IReadOnlyList<string> names, IReadOnlyList<SKColor> colours, OverlayStyle style, BufferPool<byte>? scratch = null)
    {
        if (grey.Length != width * height) throw new ArgumentException($"grey image holds {grey.Length} bytes, expected {width}×{height}");
        if (masks.Count != names.Count || names.Count != colours.Count) throw new ArgumentException("masks, names and colours must have the same count");
        foreach (var (m, c) in masks.Select((m, c) => (m, c)))
            if (m.Length != grey.Length) throw new ArgumentException($"mask '{names[c]}' has the wrong size");
        var bmp = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        if (bmp.RowBytes != width * 4)
        {
            bmp.Dispose();
            throw new InvalidOperationException($"SkiaSharp gave a {width}-pixel RGBA row {bmp.RowBytes} bytes instead of {width * 4}");
        }
        // RGBA8888 pixels as little-endian uints (R lowest), written straight into the bitmap and blended with integer
        // weights (alpha in 1/256 steps) through per-channel tables; runs outside a mask are skipped with vectorised searches.
        Span<uint> px;
        unsafe
        {
            px = new Span<uint>((void*)bmp.GetPixels(), width * height);
        }
        for (var i = 0; i < grey.Length; i++) px[i] = 0xFF000000u | grey[i] * 0x010101u;

        var thickness = Math.Max(1, (int)Math.Round(Math.Max(width, height) / 400.0));
        var fill = (int)Math.Round(Math.Clamp(style.FillAlpha, 0, 1) * 256);
        var present = new List<int>();
        for (var c = 0; c < masks.Count; c++)
        {
            var m = masks[c];
            if (m.AsSpan().IndexOfAnyExcept((byte)0) < 0) continue;
            present.Add(c);
            var col = colours[c];
            if (style.OutlineClasses.Contains(names[c]))
            {
                var opaque = 0xFF000000u | (uint)col.Blue << 16 | (uint)col.Green << 8 | col.Red;
                var outline = Outline(m, width, height, thickness, scratch);
                foreach (var (from, to) in Runs(outline)) px[from..to].Fill(opaque);
                scratch?.Return(outline);
            }
            else
            {
                var (r, g, b) = (Table(col.Red, fill), Table(col.Green, fill), Table(col.Blue, fill));
                foreach (var (from, to) in Runs(m))
                    for (var i = from; i < to; i++)
                    {
                        var v = px[i];
                        px[i] = 0xFF000000u | (uint)b[v >> 16 & 0xFF] << 16 | (uint)g[v >> 8 & 0xFF] << 8 | r[v & 0xFF];
                    }
            }
        }
        if (style.Legend && present.Count > 0) DrawLegend(bmp, present.Select(c => (names[c], colours[c])).ToList());
        return bmp;
    }

    /// <summary>
    /// Boundary pixels of a mask (in the mask, with a 4-neighbour outside or on the image border), dilated by a
    /// square of side 2·(<paramref name="thickness"/>/2)+1: a width×height plane of 0/1 bytes (from
    /// <paramref name="scratch"/> when given; give it back there when done).
    /// </summary>
    public static byte[] Outline(byte[] m, int w, int h, int thickness, BufferPool<byte>? scratch = null)
    {
        byte[] New() => scratch?.Rent(m.Length) ?? new byte[m.Length];
        var edge = New();
        for (var y = 0; y < h; y++)
        {
            var row = m.AsSpan(y * w, w);
            if (row.IndexOfAnyExcept((byte)0) < 0) continue;
            var dst = edge.AsSpan(y * w, w);
            if (y == 0 || y == h - 1 || w < 3)
            {
                for (var x = 0; x < w; x++) dst[x] = row[x] != 0 ? (byte)1 : (byte)0; // the image border counts as outside
                continue;
            }
            EdgeRow(m.AsSpan((y - 1) * w, w), row, m.AsSpan((y + 1) * w, w), dst);
        }
        var r = thickness / 2;
        if (r == 0) return edge;
        // a square dilation is a dilation along x followed by one along y
        var wide = New();
        foreach (var (from, to) in Runs(edge, w))
        {
            var y = from / w;
            var (lo, hi) = (Math.Max(y * w, from - r), Math.Min(y * w + w, to + r));
            wide.AsSpan(lo, hi - lo).Fill(1);
        }
        scratch?.Return(edge);
        var thick = New();
        for (var y = 0; y < h; y++)
        {
            var dst = thick.AsSpan(y * w, w);
            for (var yy = Math.Max(0, y - r); yy <= Math.Min(h - 1, y + r); yy++)
            {
                var src = wide.AsSpan(yy * w, w);
                if (src.IndexOfAnyExcept((byte)0) >= 0) OrInto(dst, src);
            }
        }
        scratch?.Return(wide);
        return thick;
    }

    /// <summary>Edge pixels of an inner row: set, with a 4-neighbour unset (the first and last pixel: set).</summary>
    private static void EdgeRow(ReadOnlySpan<byte> up, ReadOnlySpan<byte> row, ReadOnlySpan<byte> down, Span<byte> dst)
    {
        var w = row.Length;
        dst[0] = row[0] != 0 ? (byte)1 : (byte)0;
        dst[w - 1] = row[w - 1] != 0 ? (byte)1 : (byte)0;
        var n = System.Numerics.Vector<byte>.Count;
        var zero = System.Numerics.Vector<byte>.Zero;
        var one = System.Numerics.Vector<byte>.One;
        var x = 1;
        for (; x + n <= w - 1; x += n)
        {
            var outside = System.Numerics.Vector.Equals(new System.Numerics.Vector<byte>(row.Slice(x - 1, n)), zero)
                | System.Numerics.Vector.Equals(new System.Numerics.Vector<byte>(row.Slice(x + 1, n)), zero)
                | System.Numerics.Vector.Equals(new System.Numerics.Vector<byte>(up.Slice(x, n)), zero)
                | System.Numerics.Vector.Equals(new System.Numerics.Vector<byte>(down.Slice(x, n)), zero);
            var set = ~System.Numerics.Vector.Equals(new System.Numerics.Vector<byte>(row.Slice(x, n)), zero);
            (outside & set & one).CopyTo(dst.Slice(x, n));
        }
        for (; x < w - 1; x++)
            dst[x] = row[x] != 0 && (row[x - 1] == 0 || row[x + 1] == 0 || up[x] == 0 || down[x] == 0) ? (byte)1 : (byte)0;
    }

    private static void OrInto(Span<byte> dst, ReadOnlySpan<byte> src)
    {
        var x = 0;
        var n = System.Numerics.Vector<byte>.Count;
        for (; x + n <= dst.Length; x += n)
            (new System.Numerics.Vector<byte>(dst.Slice(x, n)) | new System.Numerics.Vector<byte>(src.Slice(x, n))).CopyTo(dst.Slice(x, n));
        for (; x < dst.Length; x++) dst[x] |= src[x];
    }

    /// <summary>Every maximal run [From, To) of non-zero bytes (split at row ends when <paramref name="rowLength"/> is given).</summary>
    private static IEnumerable<(int From, int To)> Runs(byte[] plane, int rowLength = 0)
    {
        var i = 0;
        while (i < plane.Length)
        {
            var start = plane.AsSpan(i).IndexOfAnyExcept((byte)0);
            if (start < 0) yield break;
            i += start;
            var limit = rowLength > 0 ? Math.Min(plane.Length, (i / rowLength + 1) * rowLength) : plane.Length;
            var len = plane.AsSpan(i, limit - i).IndexOf((byte)0);
            var end = len < 0 ? limit : i + len;
            yield return (i, end);
            i = end;
        }
    }

    /// <summary>out[v] = (v·(256 − alpha) + colour·alpha) / 256 for every channel value v.</summary>
    private static byte[] Table(byte colour, int alpha256)
    {
        var t = new byte[256];
        for (var v = 0; v < 256; v++) t[v] = (byte)((v * (256 - alpha256) + colour * alpha256) >> 8);
        return t;
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
