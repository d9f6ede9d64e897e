using CxrSeg.Data.Cache;
using CxrSeg.Data.Images;
using SkiaSharp;

namespace CxrSeg.Predict;

/// <summary>
/// Side-by-side pictures of a run's predictions on prepared images (for reports and demos): left the ground
/// truth, right the prediction, both drawn with <see cref="OverlayRenderer"/> on the prepared square image,
/// enlarged to at least <c>minPanel</c> pixels so that the legend stays readable. Classes not labelled for an
/// image are left out of its truth panel.
/// </summary>
public static class TestOverlays
{
    /// <summary>Renders one PNG per index into <paramref name="outDir"/> (named after the image id) and returns the paths.</summary>
    public static IReadOnlyList<string> Render(string runDir, IPreparedSet data, IReadOnlyList<int> indices, string outDir,
        double threshold = 0.5, int minPanel = 384)
    {
        Platform.TorchRuntime.Initialize();
        using var model = TrainedModel.Load(runDir);
        return Render(model, data, indices, outDir, threshold, minPanel);
    }

    /// <summary>Renders with an already loaded model (its input size must equal the prepared size).</summary>
    public static IReadOnlyList<string> Render(TrainedModel model, IPreparedSet data, IReadOnlyList<int> indices, string outDir,
        double threshold = 0.5, int minPanel = 384)
    {
        if (data.Target != TargetKind.Mask) throw new UserFacingException($"dataset '{data.Name}' has no masks to compare with");
        if (model.InputSize != data.Size)
            throw new UserFacingException($"the model was trained at {model.InputSize}² but the prepared set is {data.Size}²; use a preparation of the same size");
        var classIdx = data.ClassNames.Select(n => IndexOf(model.ClassNames, n)).ToArray();
        if (classIdx.Any(i => i < 0))
            throw new UserFacingException($"the prepared set's classes ({string.Join(", ", data.ClassNames)}) are not all classes of the model");
        Directory.CreateDirectory(outDir);
        var predictor = new Predictor(model, new PredictOptions { Threshold = threshold });
        var s = data.Size;
        var n = s * s;
        var c = data.ClassNames.Count;
        var scale = Math.Max(1, (int)Math.Ceiling(minPanel / (double)s));
        var paths = new List<string>();
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var i in indices)
        {
            var grey = new byte[n];
            data.CopyImage(i, grey);
            var truth = new byte[c * n];
            data.CopyMask(i, truth);
            var labelled = new byte[c];
            data.CopyLabelled(i, labelled);
            var image = new GreyImage(s, s, grey);
            var pred = predictor.Predict([image]).Single();

            var keepT = Enumerable.Range(0, c).Where(k => labelled[k] != 0).ToArray();
            using var left = Panel(image, keepT.Select(k => truth.AsSpan(k * n, n).ToArray()).ToArray(), keepT.Select(k => data.ClassNames[k]).ToArray(), scale);
            using var right = Panel(image, classIdx.Select(k => pred.Masks[k]).ToArray(), data.ClassNames.ToArray(), scale);
            var stem = new string(data.Id(i).Select(ch => char.IsLetterOrDigit(ch) || ch is '-' or '_' ? ch : '_').ToArray());
            var name = stem;
            for (var k = 2; !used.Add(name); k++) name = $"{stem}_{k}";
            var path = Path.Combine(outDir, name + ".png");
            using var both = SideBySide(left, right, "ground truth", $"prediction ({model.Spec.Architecture}-{model.Spec.Encoder}, t={threshold:0.##})");
            PredictionWriter.WritePng(path, both);
            paths.Add(path);
        }
        return paths;
    }

    private static SKBitmap Panel(GreyImage image, IReadOnlyList<byte[]> masks, IReadOnlyList<string> names, int scale)
    {
        var big = Enlarge(image.Pixels, image.Width, scale);
        var bigMasks = masks.Select(m => Enlarge(m, image.Width, scale)).ToArray();
        var w = image.Width * scale;
        return OverlayRenderer.Render(big, w, w, bigMasks, names, names.Select(PredictionWriter.ColourOf).ToArray(), OverlayStyle.Default);
    }

    /// <summary>Nearest-neighbour enlargement of a square plane (keeps masks binary and shows the model's true resolution).</summary>
    private static byte[] Enlarge(byte[] plane, int size, int scale)
    {
        if (scale == 1) return plane;
        var w = size * scale;
        var dst = new byte[w * w];
        for (var y = 0; y < w; y++)
            for (var x = 0; x < w; x++) dst[y * w + x] = plane[y / scale * size + x / scale];
        return dst;
    }

    private static SKBitmap SideBySide(SKBitmap a, SKBitmap b, string titleA, string titleB)
    {
        var header = Math.Max(18, a.Height / 22);
        var gap = 6;
        var bmp = new SKBitmap(a.Width + gap + b.Width, header + Math.Max(a.Height, b.Height), SKColorType.Rgba8888, SKAlphaType.Premul);
        using var canvas = new SKCanvas(bmp);
        canvas.Clear(SKColors.Black);
        canvas.DrawBitmap(a, 0, header);
        canvas.DrawBitmap(b, a.Width + gap, header);
        using var font = new SKFont(Platform.Typefaces.Default, header * 0.7f);
        using var paint = new SKPaint { Color = SKColors.White, IsAntialias = true };
        canvas.DrawText(titleA, 4, header * 0.78f, SKTextAlign.Left, font, paint);
        canvas.DrawText(titleB, a.Width + gap + 4, header * 0.78f, SKTextAlign.Left, font, paint);
        return bmp;
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
            if (string.Equals(names[i], name, StringComparison.OrdinalIgnoreCase)) return i;
        return -1;
    }
}
