using System.Globalization;
using System.Text;
using CsvHelper;
using CxrSeg.Data.Dicom;
using CxrSeg.Data.Siim;
using CxrSeg.Platform;

namespace CxrSeg.Phantoms;

/// <summary>
/// Writes a SIIM-FISABIO-RSNA-like tree: <c>train/&lt;study&gt;/&lt;series&gt;/&lt;image&gt;.dcm</c> (GDCM, mixed transfer
/// syntaxes, bit depths, photometrics, windows and VOI LUTs), <c>train_image_level.csv</c> and
/// <c>train_study_level.csv</c> (DATASETS.md section 3).
/// </summary>
public static class SiimPhantomWriter
{
    /// <summary>The study-class mix: negative, typical, indeterminate, atypical.</summary>
    public static readonly double[] StudyMix = [0.28, 0.47, 0.17, 0.08];

    private sealed record Item(string StudyUid, string SeriesUid, string SopUid, string PatientId, int StudyClass, PhantomCase Case, DicomWriteOptions Dicom);

    /// <summary>Writes <paramref name="count"/> images under <paramref name="root"/>; returns the number written.</summary>
    public static int Write(string root, int count, int seed, int size, int threads, SynthProgress? progress, List<(PhantomImage, string)>? preview)
    {
        var items = Plan(count, seed, size);
        var boxes = new IReadOnlyList<PhantomBox>[items.Count];
        var shown = new PhantomImage?[Math.Min(items.Count, 12)];
        var done = 0;
        Parallel.For(0, items.Count, new ParallelOptions { MaxDegreeOfParallelism = threads }, i =>
        {
            var it = items[i];
            var img = PhantomRenderer.Render(it.Case);
            boxes[i] = img.Boxes;
            var values = StoredValues(img, it.Dicom);
            var file = Path.Combine(root, "train", it.StudyUid, it.SeriesUid, it.SopUid + ".dcm");
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            DicomWriter.Write(file, values, img.Width, img.Height, it.Dicom);
            if (i < shown.Length) shown[i] = img;
            progress?.Invoke("SIIM-like", Interlocked.Increment(ref done), items.Count);
        });
        WriteImageCsv(Path.Combine(root, "train_image_level.csv"), items, boxes);
        WriteStudyCsv(Path.Combine(root, "train_study_level.csv"), items);
        if (preview is not null)
            for (var i = 0; i < shown.Length && preview.Count < 12; i++)
                if (shown[i] is { } s) preview.Add((s, "SIIM " + SiimStudyClasses.All[items[i].StudyClass].Split(' ')[0]));
        return items.Count;
    }

    /// <summary>
    /// Re-renders item <paramref name="index"/> of a tree written with the same count, seed and size: the image,
    /// its DICOM options and its path relative to the tree's root (for checks that the files hold what was drawn).
    /// </summary>
    public static (PhantomImage Image, DicomWriteOptions Dicom, string RelativePath) RenderItem(int count, int seed, int size, int index)
    {
        var it = Plan(count, seed, size)[index];
        return (PhantomRenderer.Render(it.Case), it.Dicom, Path.Combine("train", it.StudyUid, it.SeriesUid, it.SopUid + ".dcm"));
    }

    /// <summary>The stored DICOM values for a rendered phantom under the given options (MONOCHROME1 inverts).</summary>
    public static ushort[] StoredValues(PhantomImage img, DicomWriteOptions o)
    {
        var v = img.ToUInt16(o.BitsStored);
        if (o.Monochrome1)
        {
            var max = (ushort)((1 << o.BitsStored) - 1);
            for (var i = 0; i < v.Length; i++) v[i] = (ushort)(max - v[i]);
        }
        return v;
    }

    private static List<Item> Plan(int count, int seed, int size)
    {
        var items = new List<Item>();
        var p = 0;
        while (items.Count < count)
        {
            var prng = PhantomRandom.For(seed, "siim-patient", p);
            var female = prng.Chance(0.45);
            var anatomy = PhantomSampler.Anatomy(prng, female);
            var patientId = "SYN" + prng.NextULong().ToString("x12")[..10];
            var studies = 1 + (int)Math.Min(4, -Math.Log(1 - prng.NextDouble()) * 0.9);
            for (var s = 0; s < studies && items.Count < count; s++)
            {
                var srng = PhantomRandom.For(seed, $"siim-study-{p}", s);
                var cls = srng.Pick(StudyMix);
                var sev = srng.RangeF(0, 1);
                var ops = cls switch
                {
                    1 => PhantomSampler.Typical(srng, sev),
                    2 => PhantomSampler.Indeterminate(srng, sev),
                    3 => PhantomSampler.Atypical(srng, sev),
                    _ => [],
                };
                var icu = srng.Chance(0.3);
                var findings = new PhantomFindings
                {
                    Opacities = ops,
                    EffusionRight = srng.Chance(0.08) ? srng.RangeF(0.1, 0.35) : 0,
                    EndotrachealTube = icu && srng.Chance(0.5),
                    CentralLine = icu && srng.Chance(0.5) ? -1 : 0,
                    NasogastricTube = icu && srng.Chance(0.4),
                    Probes = srng.Chance(0.35) ? srng.Int(1, 5) : 0,
                    Tubings = icu && srng.Chance(0.3) ? 1 : 0,
                };
                var study = Hex(srng);
                var images = srng.Chance(0.04) && items.Count + 1 < count ? 2 : 1;
                var series = Hex(srng);
                for (var k = 0; k < images; k++)
                {
                    if (k > 0 && srng.Chance(0.5)) series = Hex(srng);
                    var acq = PhantomSampler.Acquisition(srng, 0.85);
                    var s15 = (int)Math.Round(size * 1.5);
                    var pc = new PhantomCase((int)Math.Round(s15 * srng.Range(0.85, 1.15)), s15, anatomy, findings, acq, srng.NextULong());
                    items.Add(new Item(study, series, Hex(srng), patientId, cls, pc, DicomOptions(srng, patientId, study, series)));
                }
            }
            p++;
        }
        // the SOP uid is drawn last in each item: rebuild options with it
        return items.Select(i => i with { Dicom = i.Dicom with { SopInstanceUid = i.SopUid } }).ToList();
    }

    private static string Hex(PhantomRandom rng) => (rng.NextULong() & 0xFFFFFFFFFFFFUL).ToString("x12");

    private static DicomWriteOptions DicomOptions(PhantomRandom rng, string patientId, string study, string series)
    {
        DicomTransferSyntax[] syntaxes =
        [
            DicomTransferSyntax.ExplicitVrLittleEndian, DicomTransferSyntax.ImplicitVrLittleEndian, DicomTransferSyntax.JpegLossless,
            DicomTransferSyntax.Jpeg2000Lossless, DicomTransferSyntax.RleLossless,
        ];
        var ts2 = syntaxes[rng.Pick([0.3, 0.1, 0.25, 0.25, 0.1])];
        int[] bitsChoices = [10, 12, 12, 14, 15, 16];
        var bits = bitsChoices[rng.Int(0, bitsChoices.Length)];
        var max = (1 << bits) - 1;
        var mono1 = rng.Chance(0.2);
        var voi = rng.Pick([0.35, 0.45, 0.2]);
        (double, double)? window = voi == 1 ? (max * rng.Range(0.45, 0.55), max * rng.Range(0.8, 1.0)) : null;
        VoiLutTable? lut = null;
        if (voi == 2)
        {
            var entries = max + 1; // the table covers every stored value
            var data = new ushort[entries];
            var lutBits = rng.Chance(0.5) ? 12 : 16;
            var lutMax = (1 << lutBits) - 1;
            var k = rng.Range(4, 8);
            for (var i = 0; i < entries; i++)
            {
                var t = (double)i / (entries - 1);
                var sgm = 1 / (1 + Math.Exp(-k * (t - 0.5)));
                var lo = 1 / (1 + Math.Exp(k * 0.5));
                data[i] = (ushort)Math.Round((sgm - lo) / (1 - 2 * lo) * lutMax);
            }
            lut = new VoiLutTable(0, lutBits, data);
        }
        return new DicomWriteOptions
        {
            TransferSyntax = ts2,
            BitsStored = bits,
            Monochrome1 = mono1,
            Rescale = rng.Chance(0.2) ? (1.0, 0.0) : null,
            Window = window,
            VoiLut = lut,
            PatientId = patientId,
            StudyInstanceUid = study,
            SeriesInstanceUid = series,
            StudyDateTime = new DateTime(2020, 3, 1).AddMinutes(rng.Int(0, 60 * 24 * 300)),
        };
    }

    private static string Num(double v) => v.ToString("0.#####", CultureInfo.InvariantCulture);

    private static void WriteImageCsv(string path, List<Item> items, IReadOnlyList<PhantomBox>[] boxes)
    {
        using var sw = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = new CsvWriter(sw, CultureInfo.InvariantCulture))
        {
            foreach (var h in new[] { "id", "boxes", "label", "StudyInstanceUID" }) csv.WriteField(h);
            csv.NextRecord();
            for (var i = 0; i < items.Count; i++)
            {
                var b = items[i].StudyClass == 0 ? [] : boxes[i];
                csv.WriteField(items[i].SopUid + "_image");
                if (b.Count == 0)
                {
                    csv.WriteField("");
                    csv.WriteField("none 1 0 0 1 1");
                }
                else
                {
                    var lit = new StringBuilder("[");
                    var lab = new StringBuilder();
                    var loose = PhantomRandom.For((int)(items[i].Case.Seed & 0x7fffffff), "siim-annotator", i);
                    for (var k = 0; k < b.Count; k++)
                    {
                        // annotators draw loosely around the opacity: a few percent of margin, sub-pixel coordinates
                        var o = b[k];
                        var (mx, my) = (o.Width * loose.Range(0, 0.08), o.Height * loose.Range(0, 0.08));
                        var x = (X0: o.X0 - mx * loose.Range(0.3, 1), Y0: o.Y0 - my * loose.Range(0.3, 1), X1: o.X1 + mx * loose.Range(0.3, 1), Y1: o.Y1 + my * loose.Range(0.3, 1));
                        var x2 = (x.X0, x.Y0, Width: x.X1 - x.X0, Height: x.Y1 - x.Y0, x.X1, x.Y1);
                        if (k > 0) { lit.Append(", "); lab.Append(' '); }
                        lit.Append($"{{'x': {Num(x2.X0)}, 'y': {Num(x2.Y0)}, 'width': {Num(x2.Width)}, 'height': {Num(x2.Height)}}}");
                        lab.Append($"opacity 1 {Num(x.X0)} {Num(x.Y0)} {Num(x.X1)} {Num(x.Y1)}");
                    }
                    lit.Append(']');
                    csv.WriteField(lit.ToString());
                    csv.WriteField(lab.ToString());
                }
                csv.WriteField(items[i].StudyUid);
                csv.NextRecord();
            }
        }
        AtomicFile.WriteAllText(path, sw.ToString());
    }

    private static void WriteStudyCsv(string path, List<Item> items)
    {
        using var sw = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = new CsvWriter(sw, CultureInfo.InvariantCulture))
        {
            csv.WriteField("id");
            foreach (var c in SiimStudyClasses.All) csv.WriteField(c);
            csv.NextRecord();
            foreach (var g in items.GroupBy(i => i.StudyUid))
            {
                csv.WriteField(g.Key + "_study");
                for (var c = 0; c < 4; c++) csv.WriteField(g.First().StudyClass == c ? 1 : 0);
                csv.NextRecord();
            }
        }
        AtomicFile.WriteAllText(path, sw.ToString());
    }
}
