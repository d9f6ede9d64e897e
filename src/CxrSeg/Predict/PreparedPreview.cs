using CxrSeg.Data.Cache;
using CxrSeg.Platform;
using SkiaSharp;

namespace CxrSeg.Predict;

/// <summary>
/// A contact sheet of a prepared cache, to check a preparation by eye: the first images as the network will see them
/// (letterboxed, at the prepared size), with their masks drawn by <see cref="OverlayRenderer"/> (only the classes labelled
/// on each image) or, for label sets, the positive labels written under the tile.
/// </summary>
public static class PreparedPreview
{
    /// <summary>Throws a <see cref="UserFacingException"/> unless <paramref name="path"/> names a new .png file (checked before any work, so nothing of the user's is replaced).</summary>
    public static void CheckTarget(string path)
    {
        if (!path.EndsWith(".png", StringComparison.OrdinalIgnoreCase)) throw new UserFacingException($"--preview {path}: the sheet is a PNG; name a .png file");
        if (File.Exists(path) || Directory.Exists(path)) throw new UserFacingException($"--preview {path} exists; delete it or name another file (a preview never replaces a file)");
    }

    /// <summary>Writes the sheet of up to <paramref name="count"/> images (those with the most drawn classes first among the first 4×count) to <paramref name="path"/>.</summary>
    public static void Write(IPreparedSet data, string path, int count = 12, int tile = 256, int columns = 4)
    {
        CheckTarget(path);
        if (data.Count == 0) throw new UserFacingException("preview: the prepared set holds no images");
        int s = data.Size, n = s * s, c = data.ClassNames.Count;
        var chosen = Choose(data, count);
        columns = Math.Min(columns, chosen.Count);
        var rows = (chosen.Count + columns - 1) / columns;
        const int caption = 30;
        using var sheet = new SKBitmap(columns * tile, rows * (tile + caption), SKColorType.Rgba8888, SKAlphaType.Premul);
        using var canvas = new SKCanvas(sheet);
        canvas.Clear(new SKColor(40, 40, 40));
        using var font = new SKFont { Size = 11 };
        using var text = new SKPaint { Color = SKColors.White, IsAntialias = true };
        for (var k = 0; k < chosen.Count; k++)
        {
            var i = chosen[k];
            var grey = new byte[n];
            data.CopyImage(i, grey);
            var masks = new List<byte[]>();
            var names = new List<string>();
            var label = "";
            var labelled = new byte[c];
            data.CopyLabelled(i, labelled);
            if (data.Target == TargetKind.Mask)
            {
                var all = new byte[c * n];
                data.CopyMask(i, all);
                for (var ch = 0; ch < c; ch++)
                    if (labelled[ch] != 0) { masks.Add(all.AsSpan(ch * n, n).ToArray()); names.Add(data.ClassNames[ch]); }
            }
            else
            {
                var labels = new float[c];
                data.CopyLabels(i, labels);
                var positive = Enumerable.Range(0, c).Where(ch => labels[ch] > 0.5f).Select(ch => data.ClassNames[ch]).ToArray();
                label = positive.Length == 0 ? "no positive label" : string.Join(", ", positive);
            }
            using var bmp = OverlayRenderer.Render(grey, s, s, masks, names, names.Select(PredictionWriter.ColourOf).ToArray(), OverlayStyle.Default);
            using var image = SKImage.FromBitmap(bmp);
            float x = k % columns * tile, y = k / columns * (tile + caption);
            canvas.DrawImage(image, SKRect.Create(x, y, tile, tile), new SKSamplingOptions(SKFilterMode.Linear));
            canvas.DrawText(Fit(data.Id(i)), x + 3, y + tile + 12, SKTextAlign.Left, font, text);
            if (label.Length > 0) canvas.DrawText(Fit(label), x + 3, y + tile + 25, SKTextAlign.Left, font, text);
        }
        using var png = sheet.Encode(SKEncodedImageFormat.Png, 100);
        AtomicFile.WriteAllBytes(path, png.Span);

        string Fit(string t) => t.Length > tile / 6 ? t[..(tile / 6 - 1)] + "…" : t;
    }

    private static List<int> Choose(IPreparedSet data, int count)
    {
        var candidates = Enumerable.Range(0, Math.Min(data.Count, 4 * count)).ToList();
        if (data.Target != TargetKind.Mask) return candidates.Take(count).ToList();
        int n = data.Size * data.Size, c = data.ClassNames.Count;
        var mask = new byte[c * n];
        int Drawn(int i)
        {
            data.CopyMask(i, mask);
            return Enumerable.Range(0, c).Count(ch => mask.AsSpan(ch * n, n).IndexOf((byte)1) >= 0);
        }
        return candidates.Select(i => (i, d: Drawn(i))).OrderByDescending(t => t.d).ThenBy(t => t.i).Take(count).Select(t => t.i).ToList();
    }
}
