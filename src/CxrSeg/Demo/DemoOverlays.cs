using CxrSeg.Data.Cache;
using CxrSeg.Data.Ccxs;
using CxrSeg.Platform;
using CxrSeg.Predict;
using CxrSeg.Runs;
using CxrSeg.Training;
using SkiaSharp;
using static TorchSharp.torch;

namespace CxrSeg.Demo;

/// <summary>
/// Renders test predictions side by side: for each of the first test images of the prepared CCXS set, the ground
/// truth and each model's thresholded prediction (<see cref="Evaluator.PredictProbabilities"/>, drawn by
/// <see cref="OverlayRenderer"/>), enlarged with nearest-neighbour so the cache's pixels stay visible, with a shared legend.
/// </summary>
public static class DemoOverlays
{
    private const int MinPanel = 256;
    private const int Caption = 22;
    private const int Gap = 6;

    /// <summary>
    /// Writes one PNG per test image into <paramref name="outDir"/> and returns their paths. Models whose folder has no
    /// checkpoint (e.g. the dry-run executor) are left out with a note; with none left, nothing is written.
    /// </summary>
    public static IReadOnlyList<string> Render(string preparedCcxs, IReadOnlyList<OverlayModel> models, int images,
        string outDir, List<string> notes)
    {
        if (images <= 0 || models.Count == 0) return [];
        var loaded = new List<(string Caption, LoadedRun Run)>();
        try
        {
            foreach (var m in models)
            {
                if (!File.Exists(Path.Combine(m.StageFolder, CheckpointStore.Best, CheckpointStore.SpecFile))
                    && !File.Exists(Path.Combine(m.StageFolder, CheckpointStore.Last, CheckpointStore.SpecFile)))
                {
                    notes.Add($"overlays: {m.Caption}: no checkpoint in {m.StageFolder}; left out");
                    continue;
                }
                TorchRuntime.Initialize();
                loaded.Add((m.Caption, RunFolder.LoadModel(m.StageFolder)));
            }
            if (loaded.Count == 0) return [];
            using var set = PreparedSet.Open(preparedCcxs);
            var s = set.Size;
            var c = set.ClassNames.Count;
            var colours = set.ClassNames.Select(ColourOf).ToArray();
            Directory.CreateDirectory(outDir);
            var paths = new List<string>();
            foreach (var index in set.Splits.Test.Take(images))
            {
                var grey = new byte[s * s];
                set.CopyImage(index, grey);
                var truth = new byte[c * s * s];
                set.CopyMask(index, truth);
                var labelled = new byte[c];
                set.CopyLabelled(index, labelled);
                var panels = new List<(string Caption, byte[][] Masks)>
                {
                    ("ground truth", Enumerable.Range(0, c).Select(k => labelled[k] == 0 ? new byte[s * s] : truth.AsSpan(k * s * s, s * s).ToArray()).ToArray()),
                };
                foreach (var (caption, run) in loaded)
                {
                    if (run.InputSize != s || run.ClassNames.Count != c)
                    {
                        notes.Add($"overlays: {caption}: trained at {run.InputSize}² with {run.ClassNames.Count} classes, the test set is {s}² with {c}; left out");
                        continue;
                    }
                    var norm = run.Normalisation;
                    using var x = tensor(grey.Select(v => (float)((v / 255.0 - norm.Mean) / norm.Std)).ToArray(), [1, 1, s, s]);
                    {
                        using var input = x.expand(1, run.Spec.InChannels, s, s).contiguous();
                        using var p = Evaluator.PredictProbabilities(run.Network, input);
                        var probs = p.cpu().data<float>().ToArray();
                        var masks = new byte[c][];
                        for (var k = 0; k < c; k++)
                        {
                            masks[k] = new byte[s * s];
                            for (var i = 0; i < s * s; i++) masks[k][i] = probs[k * s * s + i] >= run.Threshold ? (byte)1 : (byte)0;
                        }
                        panels.Add((caption, masks));
                    }
                }
                var path = Path.Combine(outDir, $"test-{paths.Count + 1:00}-{Experiments.StageIds.Sanitize(Path.GetFileNameWithoutExtension(set.Id(index)))}.png");
                using var sheet = Compose(grey, s, panels, set.ClassNames, colours, set.Id(index));
                using var data = sheet.Encode(SKEncodedImageFormat.Png, 100);
                AtomicFile.WriteAllBytes(path, data.ToArray());
                paths.Add(path);
            }
            return paths;
        }
        finally
        {
            foreach (var (_, run) in loaded) run.Network.Dispose();
        }
    }

    private static SKColor ColourOf(string name)
    {
        var k = CcxsClasses.All.FirstOrDefault(x => x.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
        return k is null ? SKColors.Magenta : new SKColor(k.R, k.G, k.B);
    }

    private static SKBitmap Compose(byte[] grey, int s, List<(string Caption, byte[][] Masks)> panels, IReadOnlyList<string> names,
        SKColor[] colours, string imageId)
    {
        var scale = Math.Max(1, (MinPanel + s - 1) / s);
        var side = s * scale;
        var bigGrey = Upscale(grey, s, scale);
        var style = OverlayStyle.Default with { Legend = false };
        var present = Enumerable.Range(0, names.Count).Where(k => panels.Any(p => p.Masks[k].Any(v => v != 0))).ToList();
        const float fontSize = 14f;
        using var font = new SKFont(Typefaces.Default, fontSize);
        var width = panels.Count * side + (panels.Count + 1) * Gap;
        var legendRows = LayoutLegend(present.Select(k => names[k]).ToList(), font, width - 2 * Gap);
        var height = Caption * 2 + side + Gap * 2 + legendRows.Count * (int)(fontSize * 1.5f) + Gap;
        var sheet = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var canvas = new SKCanvas(sheet);
        canvas.Clear(SKColors.White);
        using var ink = new SKPaint { Color = new SKColor(34, 34, 34), IsAntialias = true };
        canvas.DrawText($"test image {imageId}: ground truth and each strategy's first repeat (test-set mIoU of that run)", Gap, Caption - 6, SKTextAlign.Left, font, ink);
        for (var p = 0; p < panels.Count; p++)
        {
            var x = Gap + p * (side + Gap);
            using var overlay = OverlayRenderer.Render(bigGrey, side, side, panels[p].Masks.Select(m => Upscale(m, s, scale)).ToList(), names, colours, style);
            canvas.DrawText(Fit(panels[p].Caption, font, side), x, Caption * 2 - 6, SKTextAlign.Left, font, ink);
            canvas.DrawBitmap(overlay, x, Caption * 2);
        }
        var y = Caption * 2 + side + Gap + fontSize;
        foreach (var row in legendRows)
        {
            var x = (float)Gap;
            foreach (var name in row)
            {
                using var sw = new SKPaint { Color = colours[names.ToList().IndexOf(name)] };
                canvas.DrawRect(x, y - fontSize * 0.8f, fontSize * 0.8f, fontSize * 0.8f, sw);
                canvas.DrawText(name, x + fontSize, y, SKTextAlign.Left, font, ink);
                x += fontSize * 1.6f + font.MeasureText(name);
            }
            y += fontSize * 1.5f;
        }
        return sheet;
    }

    private static List<List<string>> LayoutLegend(List<string> names, SKFont font, float width)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var x = 0f;
        foreach (var n in names)
        {
            var w = font.Size * 1.6f + font.MeasureText(n);
            if (row.Count > 0 && x + w > width)
            {
                rows.Add(row);
                row = [];
                x = 0;
            }
            row.Add(n);
            x += w;
        }
        if (row.Count > 0) rows.Add(row);
        return rows;
    }

    private static string Fit(string text, SKFont font, int width)
    {
        if (font.MeasureText(text) <= width) return text;
        while (text.Length > 1 && font.MeasureText(text + "…") > width) text = text[..^1];
        return text + "…";
    }

    private static byte[] Upscale(byte[] src, int s, int k)
    {
        if (k == 1) return src;
        var n = s * k;
        var dst = new byte[n * n];
        for (var y = 0; y < n; y++)
        {
            var row = (y / k) * s;
            for (var x = 0; x < n; x++) dst[y * n + x] = src[row + x / k];
        }
        return dst;
    }
}
