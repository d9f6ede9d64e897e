using System.Diagnostics;
using CxrSeg.Data.Cache;
using CxrSeg.Data.Dicom;
using CxrSeg.Data.ImageFiles;
using CxrSeg.Data.Images;
using CxrSeg.Data.Prepare;
using CxrSeg.Platform;
using SkiaSharp;

namespace CxrSeg.Bench.Measurements;

/// <summary>
/// The prepare benchmark (for <c>cxrseg bench prepare</c>): on synthetic JPEGs and 16-bit DICOMs (explicit little
/// endian) it measures decode-only and decode + grey + letterbox + cache write, in images/s and per core, and the
/// cache → training batch rate (memory-mapped read to float tensors).
/// </summary>
public static class PrepareBenchmark
{
    /// <summary>Runs every stage and returns one row per stage.</summary>
    public static IReadOnlyList<PrepareBenchmarkRow> Run(PrepareBenchmarkOptions o)
    {
        o.Validate();
        var dir = o.Scratch ?? Path.Combine(Path.GetTempPath(), "cxrseg-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        try
        {
            var jpegs = WriteJpegs(dir, o);
            var dicoms = WriteDicoms(dir, o);
            var rows = new List<PrepareBenchmarkRow>
            {
                Measure("JPEG decode only", o.Workers, jpegs, p => GreyImageLoader.Load(p)),
                Measure("JPEG → cache", o.Workers, jpegs, p => ToCache(p, o.Size, dir)),
                Measure("DICOM decode only", o.Workers, dicoms, p => GreyImageLoader.Load(p)),
                Measure("DICOM → cache", o.Workers, dicoms, p => ToCache(p, o.Size, dir)),
            };
            rows.Add(MeasureBatches(o));
            return rows;
        }
        finally
        {
            if (o.Scratch is null) Directory.Delete(dir, recursive: true);
        }
    }

    private static void ToCache(string path, int size, string dir)
    {
        var img = GreyImageLoader.Load(path);
        var bytes = new Letterbox(img.Width, img.Height, size).Apply(img);
        PartFile.WriteItem(Path.Combine(dir, Path.GetFileName(path) + ".item"),
            new PreparedItem(path, path, bytes, null, [0f], [1], [0]));
    }

    private static PrepareBenchmarkRow Measure(string stage, int workers, IReadOnlyList<string> files, Action<string> work)
    {
        work(files[0]); // warm-up
        var sw = Stopwatch.StartNew();
        Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = workers }, work);
        double rate = files.Count / sw.Elapsed.TotalSeconds;
        return new PrepareBenchmarkRow(stage, workers, rate, rate / workers);
    }

    private static PrepareBenchmarkRow MeasureBatches(PrepareBenchmarkOptions o)
    {
        int n = Math.Max(o.BatchSize * 4, 64), s = o.Size, c = 13;
        var rng = new Random(1);
        var images = Enumerable.Range(0, n).Select(_ => { var b = new byte[s * s]; rng.NextBytes(b); return b; }).ToArray();
        var masks = Enumerable.Range(0, n).Select(_ => new byte[c * s * s]).ToArray();
        var set = new InMemoryPreparedSet("ccxs", s, Enumerable.Range(0, c).Select(i => $"c{i}").ToArray(), TargetKind.Mask,
            images, masks, null, null, new DatasetSplits([], [], [], []));
        var sw = Stopwatch.StartNew();
        int read = 0;
        for (int start = 0; start + o.BatchSize <= n; start += o.BatchSize)
        {
            using var batch = PreparedBatch.Read(set, Enumerable.Range(start, o.BatchSize).ToArray());
            read += o.BatchSize;
        }
        double rate = read / sw.Elapsed.TotalSeconds;
        return new PrepareBenchmarkRow($"cache → batch ({c}×{s}² masks, batch {o.BatchSize})", 1, rate, rate);
    }

    private static List<string> WriteJpegs(string dir, PrepareBenchmarkOptions o)
    {
        var files = new List<string>();
        for (int i = 0; i < o.Images; i++)
        {
            var info = new SKImageInfo(o.SourceSize, o.SourceSize, SKColorType.Gray8, SKAlphaType.Opaque);
            using var bmp = new SKBitmap(info);
            var px = Synthetic(o.SourceSize, i).Select(v => (byte)(v >> 4)).ToArray();
            System.Runtime.InteropServices.Marshal.Copy(px, 0, bmp.GetPixels(), px.Length);
            using var data = bmp.Encode(SKEncodedImageFormat.Jpeg, 90);
            var path = Path.Combine(dir, $"img{i:D4}.jpg");
            AtomicFile.WriteAllBytes(path, data.AsSpan());
            files.Add(path);
        }
        return files;
    }

    private static List<string> WriteDicoms(string dir, PrepareBenchmarkOptions o)
    {
        var files = new List<string>();
        for (int i = 0; i < o.Images; i++)
        {
            var path = Path.Combine(dir, $"img{i:D4}.dcm");
            DicomWriter.Write(path, Synthetic(o.SourceSize, i), o.SourceSize, o.SourceSize, new DicomWriteOptions { BitsStored = 12, Window = (2048, 4096) });
            files.Add(path);
        }
        return files;
    }

    private static ushort[] Synthetic(int size, int seed)
    {
        var v = new ushort[size * size];
        for (int y = 0; y < size; y++)
            for (int x = 0; x < size; x++)
                v[y * size + x] = (ushort)((x * 7 + y * 3 + seed * 11 + ((x * y) >> 5)) & 0xFFF);
        return v;
    }
}
