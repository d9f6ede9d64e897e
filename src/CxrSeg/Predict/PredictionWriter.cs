using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsvHelper;
using CxrSeg.Data.Ccxs;
using CxrSeg.Data.Images;
using CxrSeg.Platform;
using SkiaSharp;

namespace CxrSeg.Predict;

/// <summary>
/// Writes the outputs of one image into OUT/&lt;name&gt;/: mask_&lt;class&gt;.png per kept class (8-bit, 0 or 255,
/// original resolution), overlay.png, and findings.json last (its presence marks the image complete). Every
/// file is written atomically; the PNGs with <see cref="PngCompression.Fast"/>. Only pixels and the file's relative path are used: no DICOM header field is
/// copied into any output.
/// </summary>
public static class PredictionWriter
{
    /// <summary>Name of the per-image JSON, written last.</summary>
    public const string FindingsFile = "findings.json";
    /// <summary>Name of the per-image overlay.</summary>
    public const string OverlayFile = "overlay.png";
    /// <summary>Name of the batch summary.</summary>
    public const string SummaryFile = "summary.csv";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>File name of a class mask: mask_ + lower-case name with non-alphanumerics as '-'.</summary>
    public static string MaskFile(string className)
    {
        var slug = new string(className.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        return $"mask_{slug}.png";
    }

    /// <summary>Every file written for an image with these classes (for the overwrite check).</summary>
    public static IEnumerable<string> OutputFiles(string outDir, string outputName, IReadOnlyList<string> classNames, bool overlay)
    {
        var dir = Path.Combine(outDir, outputName);
        foreach (var c in classNames) yield return Path.Combine(dir, MaskFile(c));
        if (overlay) yield return Path.Combine(dir, OverlayFile);
        yield return Path.Combine(dir, FindingsFile);
    }

    /// <summary>The display colour of a class: the CCXS colour when the name is a CCXS class, else a fixed palette colour.</summary>
    public static SKColor ColourOf(string className, int index)
    {
        foreach (var c in CcxsClasses.All)
            if (string.Equals(c.Name, className, StringComparison.OrdinalIgnoreCase) || string.Equals(c.DataName, className, StringComparison.OrdinalIgnoreCase))
                return new SKColor(c.R, c.G, c.B);
        SKColor[] palette = [SKColors.Red, SKColors.Lime, SKColors.DodgerBlue, SKColors.Yellow, SKColors.Magenta, SKColors.Cyan, SKColors.Orange];
        return palette[index % palette.Length];
    }

    /// <summary>Overlays of images smaller than this (longest side) are enlarged so that the legend stays small and readable.</summary>
    public const int MinOverlaySide = 768;

    /// <summary>
    /// Renders the overlay of a prediction over its grey image (the caller disposes the bitmap). Classes covering
    /// fewer than <paramref name="minPixels"/> pixels are left out (specks below the findings' presence threshold);
    /// images whose longest side is under <see cref="MinOverlaySide"/> are enlarged by an integer factor (grey
    /// bilinear, masks nearest-neighbour).
    /// </summary>
    public static SKBitmap RenderOverlay(GreyImage image, ImagePrediction p, long minPixels = 1, OverlayStyle? style = null,
        BufferPool<byte>? scratch = null)
    {
        var keep = Enumerable.Range(0, p.ClassNames.Count).Where(c => MaskPixels.Count(p.Masks[c]) >= Math.Max(1, minPixels)).ToArray();
        var k = Math.Max(1, (int)Math.Ceiling(MinOverlaySide / (double)Math.Max(image.Width, image.Height)));
        var (w, h) = (image.Width * k, image.Height * k);
        var grey = k == 1 ? image.Pixels : EnlargeGrey(image, w, h);
        var masks = keep.Select(c => k == 1 ? p.Masks[c] : EnlargeMask(p.Masks[c], image.Width, image.Height, k)).ToArray();
        return OverlayRenderer.Render(grey, w, h, masks, keep.Select(c => p.ClassNames[c]).ToArray(),
            keep.Select(c => ColourOf(p.ClassNames[c], c)).ToArray(), style ?? OverlayStyle.Default, scratch);
    }

    private static byte[] EnlargeGrey(GreyImage image, int w, int h)
    {
        // GreyInto writes into a square; use a square of the larger side and copy the w×h corner out
        var side = Math.Max(w, h);
        var sq = ImageResize.GreyInto(image, side, 0, 0, w, h);
        var dst = new byte[w * h];
        for (var y = 0; y < h; y++) Array.Copy(sq, y * side, dst, y * w, w);
        return dst;
    }

    private static byte[] EnlargeMask(byte[] m, int w, int h, int k)
    {
        var (W, H) = (w * k, h * k);
        var dst = new byte[W * H];
        for (var y = 0; y < H; y++)
        {
            var src = y / k * w;
            for (var x = 0; x < W; x++) dst[y * W + x] = m[src + x / k];
        }
        return dst;
    }

    /// <summary>Writes an opaque RGBA bitmap as PNG atomically (as RGB with <see cref="PngCompression.Fast"/>).</summary>
    public static void WritePng(string path, SKBitmap bitmap, PngCompression compression = PngCompression.Small)
    {
        if (compression == PngCompression.Fast && bitmap.ColorType == SKColorType.Rgba8888)
        {
            var (w, pixels, stride) = (bitmap.Width, bitmap.GetPixels(), bitmap.RowBytes);
            PngStreamWriter.Write(path, w, bitmap.Height, PngPixelFormat.Rgb8, (y, row) =>
            {
                ReadOnlySpan<byte> rgba;
                unsafe
                {
                    rgba = new ReadOnlySpan<byte>((byte*)pixels + (long)y * stride, w * 4);
                }
                for (int x = 0, o = 0; x < w; x++, o += 3)
                    (row[o], row[o + 1], row[o + 2]) = (rgba[4 * x], rgba[4 * x + 1], rgba[4 * x + 2]);
            });
            return;
        }
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100)
            ?? throw new InvalidOperationException($"SkiaSharp could not encode {path}");
        AtomicFile.WriteAllBytes(path, data.AsSpan());
    }

    /// <summary>Writes masks, overlay and findings.json of one image; returns the findings.</summary>
    /// <param name="outDir">The job's output folder.</param>
    /// <param name="input">The input (names the image's folder).</param>
    /// <param name="image">The grey image (under the overlay).</param>
    /// <param name="p">Its masks.</param>
    /// <param name="options">Presence fraction, threshold, TTA and whether to draw the overlay.</param>
    /// <param name="modelSource">Recorded in findings.json.</param>
    /// <param name="scratch">Where working planes come from (reused between images by a job), when given.</param>
    /// <param name="parallelOverlay">Draw and write the overlay on a second thread while the masks are written.</param>
    /// <param name="classThresholds">The run's tuned thresholds by class name when they were used (findings.json records them).</param>
    public static Findings Write(string outDir, InputImage input, GreyImage image, ImagePrediction p, PredictOptions options, string modelSource,
        BufferPool<byte>? scratch = null, bool parallelOverlay = false, IReadOnlyDictionary<string, double>? classThresholds = null)
    {
        var dir = Path.Combine(outDir, input.OutputName);
        Directory.CreateDirectory(dir);
        var findings = FindingsCalculator.Compute(p.ClassNames, p.Masks, p.Width, p.Height, options.PresenceFraction);
        // the overlay (about half of the work) is drawn and encoded on a second thread, at the caller's priority
        var lowPriority = parallelOverlay && LowPriority.IsCurrentThreadLowered;
        var overlay = options.Overlays && parallelOverlay
            ? Task.Factory.StartNew(() =>
            {
                if (lowPriority) LowPriority.TryApplyToCurrentThread();
                WriteOverlay(dir, image, p, findings, scratch);
            }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)
            : null;
        try
        {
            var w = p.Width;
            foreach (var (name, mask) in p.ClassNames.Zip(p.Masks))
                PngStreamWriter.Write(Path.Combine(dir, MaskFile(name)), w, p.Height, PngPixelFormat.Grey8,
                    (y, row) => MaskPixels.To255(mask.AsSpan(y * w, w), row));
            if (options.Overlays && overlay is null) WriteOverlay(dir, image, p, findings, scratch);
        }
        finally
        {
            // never return (or let the caller reuse the masks) while the overlay thread still reads them
            overlay?.Wait();
        }
        AtomicFile.WriteAllText(Path.Combine(dir, FindingsFile), FindingsJson(input, p, findings, options, modelSource, classThresholds).ToJsonString(Indented));
        return findings;
    }

    private static void WriteOverlay(string dir, GreyImage image, ImagePrediction p, Findings findings, BufferPool<byte>? scratch)
    {
        using var bmp = RenderOverlay(image, p, findings.PresenceMinPixels, scratch: scratch);
        WritePng(Path.Combine(dir, OverlayFile), bmp, PngCompression.Fast);
    }

    /// <summary>The findings.json document of one image.</summary>
    /// <param name="classThresholds">The per-class thresholds used instead of <see cref="PredictOptions.Threshold"/> (tuned in the run), by class name; null when none.</param>
    public static JsonObject FindingsJson(InputImage input, ImagePrediction p, Findings f, PredictOptions options, string modelSource,
        IReadOnlyDictionary<string, double>? classThresholds = null)
    {
        static JsonNode? Num(double? v) => v is { } x ? JsonValue.Create(Math.Round(x, 4)) : null;
        return new JsonObject
        {
            ["input"] = input.Display,
            ["width"] = p.Width,
            ["height"] = p.Height,
            ["model"] = modelSource,
            ["threshold"] = options.Threshold,
            ["classThresholds"] = classThresholds is null ? null : new JsonObject(classThresholds.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)JsonValue.Create(kv.Value)))),
            ["tta"] = options.Tta,
            ["classes"] = new JsonArray(f.Areas.Select(a => (JsonNode)new JsonObject
            {
                ["name"] = a.Name, ["pixels"] = a.Pixels, ["percent"] = Num(a.Percent), ["mask"] = MaskFile(a.Name),
            }).ToArray()),
            ["findings"] = new JsonObject
            {
                ["lungs"] = new JsonArray(f.Burden.Select(b => (JsonNode)new JsonObject
                {
                    ["lung"] = b.Lung, ["lungPixels"] = b.LungPixels, ["groundGlassPercent"] = Num(b.GroundGlassPercent),
                    ["consolidationPercent"] = Num(b.ConsolidationPercent), ["opacityPercent"] = Num(b.OpacityPercent),
                }).ToArray()),
                ["totalOpacityPercent"] = Num(f.TotalOpacityPercent),
                ["effusionPresent"] = f.EffusionPresent,
                ["pneumothoraxPresent"] = f.PneumothoraxPresent,
                ["devicesPresent"] = new JsonArray(f.DevicesPresent.Select(d => (JsonNode?)JsonValue.Create(d)).ToArray()),
                ["presenceMinPixels"] = f.PresenceMinPixels,
            },
        };
    }

    /// <summary>Writes summary.csv atomically: one row per input, with per-class area % and the findings.</summary>
    public static void WriteSummary(string path, IReadOnlyList<PredictRow> rows, IReadOnlyList<string> classNames)
    {
        using var sw = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = new CsvWriter(sw, CultureInfo.InvariantCulture))
        {
            foreach (var h in new[] { "input", "output", "status", "message", "width", "height" }) csv.WriteField(h);
            foreach (var c in classNames) csv.WriteField($"{c} %");
            foreach (var h in new[] { "right lung opacity %", "left lung opacity %", "total opacity %", "effusion", "pneumothorax", "devices" }) csv.WriteField(h);
            csv.NextRecord();
            foreach (var r in rows)
            {
                csv.WriteField(r.Input);
                csv.WriteField(r.OutputName);
                csv.WriteField(r.Status);
                csv.WriteField(r.Message);
                csv.WriteField(r.Width);
                csv.WriteField(r.Height);
                var f = r.Findings;
                foreach (var c in classNames)
                    csv.WriteField(f?.Areas.FirstOrDefault(a => a.Name == c) is { } a ? a.Percent.ToString("0.####", CultureInfo.InvariantCulture) : "");
                string Pct(double? v) => v is { } x ? x.ToString("0.##", CultureInfo.InvariantCulture) : "";
                string Lung(int ch) => Pct(f?.Burden.FirstOrDefault(b => b.Lung == CcxsClasses.All[ch].Name)?.OpacityPercent);
                csv.WriteField(Lung(CcxsClasses.RightLung));
                csv.WriteField(Lung(CcxsClasses.LeftLung));
                csv.WriteField(Pct(f?.TotalOpacityPercent));
                csv.WriteField(f?.EffusionPresent is { } e ? (e ? "yes" : "no") : "");
                csv.WriteField(f?.PneumothoraxPresent is { } pt ? (pt ? "yes" : "no") : "");
                csv.WriteField(f is null ? "" : string.Join("; ", f.DevicesPresent));
                csv.NextRecord();
            }
        }
        AtomicFile.WriteAllText(path, sw.ToString());
    }
}
