using System.Globalization;
using CsvHelper;
using CxrSeg.Data.CheXpert;
using CxrSeg.Platform;
using SkiaSharp;

namespace CxrSeg.Phantoms;

/// <summary>
/// Writes a CheXpert-like tree: <c>CheXpert-v1.0-small/{train,valid}/patientNNNNN/studyN/viewK_{frontal,lateral}.jpg</c>
/// plus <c>train.csv</c>/<c>valid.csv</c> in the real 19 columns (DATASETS.md section 2).
/// </summary>
public static class CheXpertPhantomWriter
{
    private sealed record Row(string Split, string Path, string Sex, int Age, bool Frontal, bool Ap, double?[] Labels, PhantomCase Case);

    /// <summary>Writes <paramref name="count"/> image rows under <paramref name="root"/>; returns the number of images.</summary>
    public static int Write(string root, int count, int seed, int size, int threads, SynthProgress? progress, List<(PhantomImage, string)>? preview)
    {
        var rows = Plan(count, seed, size);
        var done = 0;
        var shown = new PhantomImage?[rows.Count];
        Parallel.For(0, rows.Count, new ParallelOptions { MaxDegreeOfParallelism = threads }, i =>
        {
            var row = rows[i];
            var img = row.Frontal ? PhantomRenderer.Render(row.Case) : LateralRenderer.Render(row.Case);
            var file = System.IO.Path.Combine(root, row.Path);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
            using (var bmp = ImageFiles.ToBitmap(img, ImageFiles.Mode.Gray)) ImageFiles.Save(bmp, file, SKEncodedImageFormat.Jpeg, 90);
            if (i < 40) shown[i] = img;
            progress?.Invoke("CheXpert-like", Interlocked.Increment(ref done), rows.Count);
        });
        foreach (var split in new[] { "train", "valid" })
            WriteCsv(System.IO.Path.Combine(root, "CheXpert-v1.0-small", split + ".csv"), rows.Where(r => r.Split == split));
        if (preview is not null)
        {
            // five frontal views and one lateral view when there is one
            var lateral = Enumerable.Range(0, shown.Length).FirstOrDefault(i => shown[i] is not null && !rows[i].Frontal, -1);
            for (var i = 0; i < shown.Length && preview.Count < (lateral >= 0 ? 5 : 6); i++)
                if (shown[i] is { } s && rows[i].Frontal) preview.Add((s, "CheXpert " + rows[i].Path.Split('/')[2]));
            if (lateral >= 0) preview.Add((shown[lateral]!, "CheXpert lateral"));
        }
        return rows.Count;
    }

    private static List<Row> Plan(int count, int seed, int size)
    {
        var rows = new List<Row>();
        var validPatients = Math.Max(1, (int)Math.Round(count / 3.2 * 0.08));
        var p = 0;
        while (rows.Count < count)
        {
            var prng = PhantomRandom.For(seed, "chexpert-patient", p);
            var female = prng.Chance(0.42);
            var anatomy = PhantomSampler.Anatomy(prng, female);
            var age = prng.Int(18, 91);
            var studies = 1 + (int)Math.Min(6, -Math.Log(1 - prng.NextDouble()) * 1.3);
            var isValid = p < validPatients && count >= 20;
            var split = isValid ? "valid" : "train";
            var pid = isValid ? 64541 + p : 1 + p - (count >= 20 ? validPatients : 0);
            var studyNo = 0;
            for (var s = 0; s < studies && rows.Count < count; s++)
            {
                var srng = PhantomRandom.For(seed, $"chexpert-study-{p}", s);
                studyNo += srng.Chance(0.1) ? 2 : 1;
                var labels = CheXpertLabelModel.SampleReport(srng);
                if (isValid)
                    for (var j = 0; j < labels.Length; j++)
                        labels[j] = labels[j] switch { 1.0 => 1.0, -1.0 => srng.Chance(0.5) ? 1.0 : 0.0, _ => 0.0 };
                var findings = CheXpertLabelModel.Findings(srng, labels);
                var ap = srng.Chance(0.8);
                var acq = PhantomSampler.Acquisition(srng, ap ? 1 : 0);
                var views = srng.Chance(0.2) && rows.Count + 1 < count ? 2 : 1;
                var viewNo = 0;
                for (var v = 0; v < views; v++)
                {
                    var frontal = v == 0;
                    viewNo += srng.Chance(0.05) ? 2 : 1;
                    var w = (int)Math.Round(size * (frontal ? srng.Range(1.0, 1.22) : srng.Range(0.95, 1.1)));
                    var pc = new PhantomCase(w, size, anatomy, findings, acq, srng.NextULong());
                    var path = $"CheXpert-v1.0-small/{split}/patient{pid:D5}/study{studyNo}/view{viewNo}_{(frontal ? "frontal" : "lateral")}.jpg";
                    rows.Add(new Row(split, path, female ? "Female" : "Male", age, frontal, ap, labels, pc));
                }
            }
            p++;
        }
        return rows;
    }

    private static void WriteCsv(string path, IEnumerable<Row> rows)
    {
        using var sw = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = new CsvWriter(sw, CultureInfo.InvariantCulture))
        {
            foreach (var c in CheXpertLabels.CsvColumns) csv.WriteField(c);
            csv.NextRecord();
            foreach (var r in rows)
            {
                csv.WriteField(r.Path);
                csv.WriteField(r.Sex);
                csv.WriteField(r.Age);
                csv.WriteField(r.Frontal ? "Frontal" : "Lateral");
                csv.WriteField(r.Frontal ? (r.Ap ? "AP" : "PA") : "");
                foreach (var l in r.Labels) csv.WriteField(l is { } v ? v.ToString("0.0", CultureInfo.InvariantCulture) : "");
                csv.NextRecord();
            }
        }
        AtomicFile.WriteAllText(path, sw.ToString());
    }
}
