using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using CxrSeg.Data.Ccxs;
using CxrSeg.Platform;
using SkiaSharp;

namespace CxrSeg.Phantoms;

/// <summary>
/// Writes a CCXS-like tree: <c>images/</c> (mixed formats, colour modes, sizes and figure-style crops),
/// <c>masks/</c> (RGBA masks cropped to each region's box), <c>structure.csv</c> in the real columns with the
/// real quirks (probe rows without a mask, a duplicated Right Lung row with no Airways row) and <c>metadata.csv</c>.
/// </summary>
public static class CcxsPhantomWriter
{
    /// <summary>Images (of 100) that carry each class in the real data (DATASETS.md), channel order.</summary>
    public static readonly int[] RealImageCounts = [100, 99, 100, 99, 93, 32, 2, 1, 13, 11, 26, 10, 16];

    /// <summary>Of the 26 real images with a probe row, the 14 whose row has no mask.</summary>
    public const double ProbeRowsWithoutMask = 14.0 / 26.0;

    private sealed record Item(string FileName, string Sha, int PatientId, bool Ap, PhantomCase Case, ImageFiles.Mode Mode,
        SKEncodedImageFormat Format, int Margin, bool Arrow, bool[] Present, bool ProbeMaskMissing, bool DuplicateRightLung, int Age, string Sex, int Offset);

    private sealed record StructRow(int Image, int Channel, string? Mask, int Top, int Left, int Width, int Height, bool HasMask);

    /// <summary>Writes <paramref name="count"/> images under <paramref name="root"/>; returns the number written.</summary>
    public static int Write(string root, int count, int seed, int size, int threads, SynthProgress? progress, List<(PhantomImage, string)>? preview)
    {
        var items = Plan(count, seed, size);
        Directory.CreateDirectory(Path.Combine(root, "images"));
        Directory.CreateDirectory(Path.Combine(root, "masks"));
        var rows = new List<StructRow>[items.Count];
        var resolutions = new string[items.Count];
        var shown = new PhantomImage?[Math.Min(items.Count, 12)];
        var done = 0;
        Parallel.For(0, items.Count, new ParallelOptions { MaxDegreeOfParallelism = threads }, i =>
        {
            var it = items[i];
            var img = Pad(PhantomRenderer.Render(it.Case), it.Margin);
            resolutions[i] = $"{img.Width}x{img.Height}";
            var idRng = PhantomRandom.For(seed, "ccxs-ids", i);
            var list = new List<StructRow>();
            for (var c = 0; c < CcxsClasses.All.Count; c++)
            {
                if (!it.Present[c]) continue;
                if (c == 3 && it.DuplicateRightLung) continue;
                if (c == CcxsClasses.All.Count - 3 && it.ProbeMaskMissing)
                {
                    list.Add(new StructRow(i, c, null, 0, 0, img.Width, img.Height, false));
                    continue;
                }
                var m = img.Masks[c];
                if (c == 0 && it.DuplicateRightLung)
                    if (WriteMask(root, it.Sha, idRng, c, Shift(m, img.Width, img.Height), img.Width, img.Height, i) is { } d) list.Add(d);
                var row = WriteMask(root, it.Sha, idRng, c, m, img.Width, img.Height, i);
                if (row is not null) list.Add(row);
            }
            rows[i] = list;
            using (var bmp = ImageFiles.ToBitmap(img, it.Mode, it.Mode == ImageFiles.Mode.Rgb && idRng.Chance(0.3) ? (byte)6 : (byte)0))
            {
                if (it.Arrow) DrawArrow(bmp, idRng, img);
                ImageFiles.Save(bmp, Path.Combine(root, "images", it.FileName), it.Format, 90);
            }
            if (i < shown.Length) shown[i] = img;
            progress?.Invoke("CCXS-like", Interlocked.Increment(ref done), items.Count);
        });
        WriteStructure(Path.Combine(root, "structure.csv"), items, rows, resolutions);
        WriteMetadata(Path.Combine(root, "metadata.csv"), items);
        if (preview is not null)
            for (var i = 0; i < shown.Length && preview.Count < 18; i++)
                if (shown[i] is { } s) preview.Add((s, "CCXS " + items[i].FileName[..Math.Min(18, items[i].FileName.Length)]));
        return items.Count;
    }

    private static List<Item> Plan(int count, int seed, int size)
    {
        var rng = PhantomRandom.For(seed, "ccxs-plan", 0);
        var k = CcxsClasses.All.Count;
        var present = Enumerable.Range(0, count).Select(_ => new bool[k]).ToArray();
        // exact class counts scaled from the real 100 images; lungs, cardiomediastinum and airways everywhere
        int Scaled(int c) => Math.Clamp((int)Math.Round(RealImageCounts[c] * count / 100.0), c is 6 or 7 ? 1 : 0, count);
        foreach (var c in new[] { 0, 1, 2, 3 }) for (var i = 0; i < count; i++) present[i][c] = true;
        var order = Enumerable.Range(0, count).ToList();
        foreach (var c in new[] { 4, 5, 6, 7, 8, 9, 10, 12 })
        {
            rng.Shuffle(order);
            for (var j = 0; j < Scaled(c); j++) present[order[j]][c] = true;
        }
        // nasogastric tubes mostly in intubated patients
        var ett = order.Where(i => present[i][8]).ToList();
        rng.Shuffle(order);
        var ngCands = ett.Concat(order.Where(i => !present[i][8])).ToList();
        for (var j = 0; j < Math.Min(Scaled(11), ngCands.Count); j++) present[ngCands[j]][11] = true;
        var probeImages = Enumerable.Range(0, count).Where(i => present[i][10]).ToList();
        var noMask = new HashSet<int>(probeImages.Take((int)Math.Round(probeImages.Count * ProbeRowsWithoutMask)));
        var dup = count >= 2 ? rng.Int(0, count) : -1;

        var items = new List<Item>();
        var patient = 1;
        var left = 0;
        var offset = 0;
        var pick = new[] { 0.44, 0.39, 0.17 };
        for (var i = 0; i < count; i++)
        {
            var r = PhantomRandom.For(seed, "ccxs-image", i);
            if (left == 0) { left = r.Pick([0.7, 0.18, 0.08, 0.04]) + 1; patient++; offset = 0; }
            left--;
            var prng = PhantomRandom.For(seed, "ccxs-patient", patient);
            var female = prng.Chance(0.35);
            var anatomy = PhantomSampler.Anatomy(prng, female);
            var ap = r.Chance(0.07);
            var figure = r.Chance(0.35);
            var acq = PhantomSampler.Acquisition(r, ap ? 1 : 0, figure ? 1.8f : 1f) with { Zoom = figure ? r.RangeF(0.92, 1.2) : r.RangeF(0.88, 1.04) };
            var sev = (float)Math.Pow(r.NextDouble(), 0.8);
            var f = Findings(r, present[i], sev);
            var fmt = r.Pick(pick);
            var ext = fmt == 0 ? ".jpeg" : fmt == 1 ? ".jpg" : ".png";
            var mode = fmt == 2 ? (r.Chance(0.7) ? ImageFiles.Mode.Rgba : ImageFiles.Mode.Gray) : (r.Chance(0.12) ? ImageFiles.Mode.Gray : ImageFiles.Mode.Rgb);
            var longSide = (int)Math.Round(size * Math.Exp(r.Range(Math.Log(0.8), Math.Log(2.0))));
            var aspect = r.Range(0.8, 1.25);
            var (w, h) = aspect >= 1 ? (longSide, (int)(longSide / aspect)) : ((int)(longSide * aspect), longSide);
            var name = FileName(r, i) + ext;
            var sha = Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(name)));
            var pc = new PhantomCase(w, h, anatomy, f, acq, r.NextULong());
            items.Add(new Item(name, sha, patient, ap, pc, mode, fmt == 2 ? SKEncodedImageFormat.Png : SKEncodedImageFormat.Jpeg,
                figure && r.Chance(0.4) ? r.Int(4, 20) : 0, figure && r.Chance(0.5), present[i], noMask.Contains(i), i == dup,
                prng.Int(25, 85), female ? "F" : "M", offset));
            offset += r.Int(1, 8);
        }
        return items;
    }

    private static PhantomFindings Findings(PhantomRandom r, bool[] present, float sev)
    {
        var ops = new List<OpacityRegion>();
        if (present[4]) ops.AddRange((r.Chance(0.75) ? PhantomSampler.Typical(r, sev) : PhantomSampler.Indeterminate(r, sev)).Select(o => o with { Kind = OpacityKind.GroundGlass, Amplitude = Math.Min(o.Amplitude, 0.11f) }));
        if (present[5])
        {
            var s = r.Chance(0.5) ? -1 : 1;
            ops.Add(new OpacityRegion(OpacityKind.Consolidation, s, r.RangeF(0.4, 0.85), r.RangeF(0.45, 0.85), r.RangeF(80, 150), r.RangeF(0.09, 0.2)));
        }
        var effSide = r.Chance(0.5) ? -1 : 1;
        return new PhantomFindings
        {
            Opacities = ops,
            EffusionRight = present[6] && effSide < 0 ? r.RangeF(0.2, 0.5) : 0,
            EffusionLeft = present[6] && effSide > 0 ? r.RangeF(0.2, 0.5) : 0,
            PneumothoraxSide = present[7] ? (r.Chance(0.5) ? -1 : 1) : 0,
            PneumothoraxSize = r.RangeF(0.15, 0.35),
            EndotrachealTube = present[8],
            CentralLine = present[9] ? (r.Chance(0.75) ? -1 : 1) : 0,
            Probes = present[10] ? r.Int(1, 5) : 0,
            NasogastricTube = present[11],
            Tubings = present[12] ? r.Int(1, 3) : 0,
        };
    }

    private static string FileName(PhantomRandom r, int i) => r.Int(0, 5) switch
    {
        0 => $"covid-19-pneumonia-{r.Int(1, 60)}-{(r.Chance(0.5) ? "PA" : "day" + r.Int(1, 15))}-{i}",
        1 => $"nejmoa20{r.Int(10000, 99999)}_f{r.Int(1, 6)}-{i}",
        2 => $"{r.Alnum(8).ToUpperInvariant()}-{r.Alnum(4).ToUpperInvariant()}-{r.Alnum(4).ToUpperInvariant()}-{i:D4}",
        3 => $"SARS-10.1148rg.2420{r.Int(10000, 99999)}-Fig{r.Int(1, 9)}{(char)('a' + r.Int(0, 4))}-{i}",
        _ => $"radiopaedia-case-{r.Int(1000, 99999)}-{i}",
    };

    private static PhantomImage Pad(PhantomImage img, int m)
    {
        if (m == 0) return img;
        var (w, h) = (img.Width + 2 * m, img.Height + 2 * m);
        var px = new float[w * h];
        Array.Fill(px, 1f);
        var masks = img.Masks.Select(_ => new byte[w * h]).ToArray();
        for (var y = 0; y < img.Height; y++)
        {
            Array.Copy(img.Pixels, y * img.Width, px, (y + m) * w + m, img.Width);
            for (var c = 0; c < masks.Length; c++) Array.Copy(img.Masks[c], y * img.Width, masks[c], (y + m) * w + m, img.Width);
        }
        var boxes = img.Boxes.Select(b => b with { X0 = b.X0 + m, X1 = b.X1 + m, Y0 = b.Y0 + m, Y1 = b.Y1 + m }).ToList();
        return new PhantomImage(w, h, px, masks, boxes);
    }

    private static byte[] Shift(byte[] m, int w, int h)
    {
        var o = new byte[m.Length];
        for (var y = 0; y < h; y++)
            for (var x = 1; x < w; x++)
                o[y * w + x] = m[y * w + x - 1];
        return o;
    }

    private static StructRow? WriteMask(string root, string sha, PhantomRandom idRng, int c, byte[] m, int w, int h, int image)
    {
        int x0 = w, y0 = h, x1 = -1, y1 = -1;
        for (var y = 0; y < h; y++)
            for (var x = 0; x < w; x++)
                if (m[y * w + x] != 0) { x0 = Math.Min(x0, x); x1 = Math.Max(x1, x); y0 = Math.Min(y0, y); y1 = Math.Max(y1, y); }
        var id = idRng.Alnum(17);
        if (x1 < 0) return null;
        var (bw, bh) = (x1 - x0 + 1, y1 - y0 + 1);
        var col = CcxsClasses.All[c];
        var px = new byte[bw * bh * 4];
        for (var y = 0; y < bh; y++)
            for (var x = 0; x < bw; x++)
            {
                var on = m[(y + y0) * w + x + x0] != 0;
                var o = 4 * (y * bw + x);
                px[o] = on ? col.R : (byte)0;
                px[o + 1] = on ? col.G : (byte)0;
                px[o + 2] = on ? col.B : (byte)0;
                px[o + 3] = 255;
            }
        using var bmp = new SKBitmap(new SKImageInfo(bw, bh, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        ImageFiles.CopyRows(bmp, px, bw * 4);
        var rel = $"masks/{sha}_{id}.png";
        ImageFiles.Save(bmp, Path.Combine(root, rel), SKEncodedImageFormat.Png);
        return new StructRow(image, c, rel, y0, x0, bw, bh, true);
    }

    private static void DrawArrow(SKBitmap bmp, PhantomRandom r, PhantomImage img)
    {
        using var canvas = new SKCanvas(bmp);
        using var paint = new SKPaint { Color = SKColors.White, StrokeWidth = Math.Max(2, img.Width / 150f), IsAntialias = false, Style = SKPaintStyle.Stroke };
        var x = img.Width * r.RangeF(0.2, 0.8);
        var y = img.Height * r.RangeF(0.3, 0.7);
        var len = img.Width * 0.08f;
        var dx = r.Chance(0.5) ? 1 : -1;
        canvas.DrawLine(x, y, x + dx * len, y - len, paint);
        canvas.DrawLine(x, y, x + dx * len * 0.35f, y, paint);
        canvas.DrawLine(x, y, x, y - len * 0.35f, paint);
    }

    private static void WriteStructure(string path, List<Item> items, List<StructRow>[] rows, string[] res)
    {
        string[] header = ["#", "Taxonomy", "Class", "Template Name", "File Folder", "Filename", "Image", "Tag", "Mask", "Resolution", "Top", "Left", "Width", "Height", "Points", "Text Annotation", "Minimal Top", "Minimal Left", "Minimal Width", "Minimal Height", "Attributes"];
        using var sw = new StringWriter(CultureInfo.InvariantCulture);
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            // quote the text columns as the real file does (Class, Template Name, Filename, Text Annotation)
            ShouldQuote = a => a.Row.Row > 1 && a.Row.Index is 2 or 3 or 5 or 15 || (a.Field?.Contains(',') ?? false) || (a.Field?.Contains('"') ?? false),
        };
        using (var csv = new CsvWriter(sw, config))
        {
            foreach (var hd in header) csv.WriteField(hd);
            csv.NextRecord();
            var n = 1;
            for (var i = 0; i < items.Count; i++)
            {
                foreach (var r in rows[i].OrderBy(r => CcxsClasses.All[r.Channel].DataName, StringComparer.Ordinal))
                {
                    var cls = CcxsClasses.All[r.Channel];
                    csv.WriteField(n++);
                    csv.WriteField("");
                    csv.WriteField("COVID-19 " + cls.DataName);
                    csv.WriteField(cls.DataName);
                    csv.WriteField("");
                    csv.WriteField(items[i].FileName);
                    csv.WriteField($"images/{items[i].Sha}.jpg");
                    csv.WriteField(r.HasMask ? r.Mask!.Replace("masks/", "tags/") : "");
                    csv.WriteField(r.HasMask ? r.Mask : "");
                    csv.WriteField(res[i]);
                    csv.WriteField(r.Top);
                    csv.WriteField(r.Left);
                    csv.WriteField(r.Width);
                    csv.WriteField(r.Height);
                    csv.WriteField("");
                    csv.WriteField("undefined");
                    if (r.HasMask) { csv.WriteField(r.Top); csv.WriteField(r.Left); csv.WriteField(r.Width); csv.WriteField(r.Height); }
                    else for (var k = 0; k < 4; k++) csv.WriteField("");
                    csv.WriteField("");
                    csv.NextRecord();
                }
            }
        }
        AtomicFile.WriteAllText(path, sw.ToString());
    }

    private static void WriteMetadata(string path, List<Item> items)
    {
        string[] header = ["patientid", "offset", "sex", "age", "finding", "survival", "intubated", "intubation_present", "went_icu", "in_icu", "needed_supplemental_O2", "extubated", "temperature", "pO2_saturation", "leukocyte_count", "neutrophil_count", "lymphocyte_count", "view", "modality", "date", "location", "folder", "filename", "doi", "url", "license", "clinical_notes", "other_notes"];
        using var sw = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = new CsvWriter(sw, CultureInfo.InvariantCulture))
        {
            foreach (var hd in header) csv.WriteField(hd);
            csv.NextRecord();
            foreach (var it in items)
            {
                var intubated = it.Case.Findings.EndotrachealTube ? "Y" : "N";
                string[] v = [it.PatientId.ToString(CultureInfo.InvariantCulture), it.Offset.ToString(CultureInfo.InvariantCulture), it.Sex, it.Age.ToString(CultureInfo.InvariantCulture), "COVID-19", "", intubated, intubated, "", "", "", "", "", "", "", "", "", it.Ap ? "AP" : "PA", "X-ray", "", "Synthetic phantom", "images", it.FileName, "", "", "CC BY 4.0", "", "synthetic"];
                foreach (var x in v) csv.WriteField(x);
                csv.NextRecord();
            }
        }
        AtomicFile.WriteAllText(path, sw.ToString());
    }
}
