using System.Diagnostics;
using CxrSeg.Data.ImageFiles;
using CxrSeg.Data.Images;
using CxrSeg.Platform;

namespace CxrSeg.Predict;

/// <summary>
/// The library call behind <c>cxrseg predict</c>: loads the model once, expands the inputs, refuses to
/// overwrite existing outputs (unless asked), then decodes, predicts (in batches) and writes each image — the
/// writing on a background thread (<see cref="BackgroundQueue"/>) while the next images are decoded and predicted.
/// An unreadable input is reported (summary.csv row with status "error", and to the observer) and skipped.
/// </summary>
public static class PredictJob
{
    /// <summary>Images predicted but not yet written that may wait for the writer thread (bounds the memory they hold).</summary>
    public const int WriteQueueCapacity = 2;

    /// <summary>Predicts with the run folder <paramref name="runDir"/> on the inputs (files or folders) into <paramref name="outDir"/>.</summary>
    public static PredictJobResult Run(string runDir, IReadOnlyList<string> inputs, string outDir, PredictOptions options,
        IPredictObserver? observer = null, CancellationToken cancellation = default)
    {
        options.Validate();
        TorchRuntime.Initialize();
        var images = InputScanner.Scan(inputs, outDir);
        using var model = TrainedModel.Load(runDir, options.Device);
        return Run(model, images, outDir, options, observer, cancellation);
    }

    /// <summary>Predicts with a loaded model on listed inputs.</summary>
    public static PredictJobResult Run(TrainedModel model, IReadOnlyList<InputImage> images, string outDir, PredictOptions options,
        IPredictObserver? observer = null, CancellationToken cancellation = default)
    {
        var sw = Stopwatch.StartNew();
        var predictor = new Predictor(model, options);
        observer ??= new NullObserver();
        var summary = Path.Combine(outDir, PredictionWriter.SummaryFile);
        // two jobs on one --out would mix their outputs: the second is refused, naming the first
        using var outLock = OutputLock.Acquire(outDir, $"cxrseg predict with {model.Source}");
        var pending = CheckExisting(images, outDir, predictor.ClassNames, options, summary);
        observer.OnStart(images.Count, model);

        var rows = new PredictRow?[images.Count];
        // resumed images keep their earlier areas in summary.csv; outputs of another model are refused, not mixed
        var resumed = Enumerable.Range(0, images.Count).Where(i => !pending.Contains(i))
            .ToDictionary(i => i, i => FindingsReader.Read(Path.Combine(outDir, images[i].OutputName, PredictionWriter.FindingsFile), images[i], model.Source));
        foreach (var (i, row) in resumed)
        {
            rows[i] = row;
            observer.OnImage(row);
        }

        // Decoding and the forward pass run here; mapping back, findings and writing run on a background thread at low
        // priority, in input order, so that they fill the gaps libtorch's threads leave. The observer is only called
        // from that thread from here on. Large arrays are reused between images (BufferPool).
        var bytes = new BufferPool<byte>();
        var floats = new BufferPool<float>();
        IReadOnlyDictionary<string, double>? tuned = predictor.UsesTunedThresholds
            ? model.ClassNames.Select((n, k) => (n, k)).ToDictionary(x => x.n, x => predictor.Thresholds[x.k]) : null;
        using var writer = new BackgroundQueue("cxrseg predict writer", WriteQueueCapacity, lowPriority: true);
        var batch = new List<(int Index, GreyImage Image)>();
        long decode = 0, forward = 0, waiting = 0, mapBack = 0, write = 0;
        void Queue(Action item)
        {
            var t = Stopwatch.GetTimestamp();
            writer.Add(item);
            waiting += Stopwatch.GetTimestamp() - t;
        }
        void Flush()
        {
            if (batch.Count == 0) return;
            var t0 = Stopwatch.GetTimestamp();
            var probs = predictor.SquareProbabilities(batch.Select(b => b.Image).ToArray(), n => floats.Rent(n, clear: false));
            forward += Stopwatch.GetTimestamp() - t0;
            for (var k = 0; k < batch.Count; k++)
            {
                var (i, img) = batch[k];
                var square = probs[k];
                Queue(() =>
                {
                    var t1 = Stopwatch.GetTimestamp();
                    var p = predictor.ToOriginal(square, img, n => bytes.Rent(n));
                    floats.Return(square);
                    var t2 = Stopwatch.GetTimestamp();
                    mapBack += t2 - t1;
                    try
                    {
                        var f = PredictionWriter.Write(outDir, images[i], img, p, options, model.Source, bytes, parallelOverlay: true, tuned);
                        write += Stopwatch.GetTimestamp() - t2;
                        rows[i] = new PredictRow(images[i].Display, images[i].OutputName, PredictRow.Ok, "", img.Width, img.Height, f);
                    }
                    catch (IOException e)
                    {
                        throw new UserFacingException($"cannot write the outputs of {images[i].Display} into {Path.Combine(outDir, images[i].OutputName)}: {e.Message}", e);
                    }
                    finally
                    {
                        foreach (var m in p.Masks) bytes.Return(m);
                    }
                    observer.OnImage(rows[i]!);
                });
            }
            batch.Clear();
        }
        foreach (var i in pending)
        {
            cancellation.ThrowIfCancellationRequested();
            GreyImage image;
            var t = Stopwatch.GetTimestamp();
            try
            {
                image = GreyImageLoader.Load(images[i].Path);
                decode += Stopwatch.GetTimestamp() - t;
            }
            catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
            {
                var row = new PredictRow(images[i].Display, images[i].OutputName, PredictRow.Error, Describe(e), 0, 0, null);
                Queue(() =>
                {
                    rows[i] = row;
                    observer.OnImage(row);
                });
                continue;
            }
            batch.Add((i, image));
            if (batch.Count >= options.BatchSize) Flush();
        }
        Flush();
        var tc = Stopwatch.GetTimestamp();
        writer.Complete();
        waiting += Stopwatch.GetTimestamp() - tc;
        cancellation.ThrowIfCancellationRequested();
        static double S(long ticks) => (double)ticks / Stopwatch.Frequency;
        var timings = new PredictTimings(S(decode), S(forward), S(waiting), S(mapBack), S(write));
        var all = rows.Select(r => r!).ToArray();
        PredictionWriter.WriteSummary(summary, all, predictor.ClassNames);
        return new PredictJobResult(outDir, summary, all, predictor.ClassNames, sw.Elapsed.TotalSeconds, timings);
    }

    /// <summary>
    /// Indices of the images to predict. Without --overwrite an existing output file refuses the job (naming
    /// it) before any work, or — with --skip-existing — an image whose findings.json exists is left out.
    /// </summary>
    private static SortedSet<int> CheckExisting(IReadOnlyList<InputImage> images, string outDir, IReadOnlyList<string> classes,
        PredictOptions options, string summary)
    {
        var pending = new SortedSet<int>(Enumerable.Range(0, images.Count));
        if (options.Overwrite) return pending;
        if (!options.SkipExisting && File.Exists(summary))
            throw new UserFacingException($"{summary} exists: use --overwrite to replace the outputs, --skip-existing to resume, or another --out");
        for (var i = 0; i < images.Count; i++)
        {
            var dir = Path.Combine(outDir, images[i].OutputName);
            if (options.SkipExisting)
            {
                // findings.json is written last: with it the image is complete; without it, files are a partial earlier attempt
                if (File.Exists(Path.Combine(dir, PredictionWriter.FindingsFile))) pending.Remove(i);
                continue;
            }
            foreach (var f in PredictionWriter.OutputFiles(outDir, images[i].OutputName, classes, options.Overlays))
                if (File.Exists(f))
                    throw new UserFacingException($"{f} exists: use --overwrite to replace the outputs, --skip-existing to resume, or another --out");
        }
        return pending;
    }

    private static string Describe(Exception e) => e is UserFacingException ? e.Message : $"{e.GetType().Name}: {e.Message}";

    private sealed class NullObserver : IPredictObserver;
}
