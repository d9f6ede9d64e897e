using System.Diagnostics;
using CxrSeg.Data.Images;
using CxrSeg.Platform;

namespace CxrSeg.Predict;

/// <summary>
/// The library call behind <c>cxrseg predict</c>: loads the model once, expands the inputs, refuses to
/// overwrite existing outputs (unless asked), then decodes, predicts (in batches) and writes each image. An
/// unreadable input is reported (summary.csv row with status "error", and to the observer) and skipped.
/// </summary>
public static class PredictJob
{
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
        var pending = CheckExisting(images, outDir, predictor.ClassNames, options, summary);
        Directory.CreateDirectory(outDir);
        observer.OnStart(images.Count, model);

        var rows = new PredictRow?[images.Count];
        foreach (var i in Enumerable.Range(0, images.Count).Where(i => !pending.Contains(i)))
        {
            rows[i] = new PredictRow(images[i].Display, images[i].OutputName, PredictRow.Skipped, "outputs exist", 0, 0, null);
            observer.OnImage(rows[i]!);
        }
        var batch = new List<(int Index, GreyImage Image)>();
        void Flush()
        {
            if (batch.Count == 0) return;
            var probs = predictor.SquareProbabilities(batch.Select(b => b.Image).ToArray());
            for (var k = 0; k < batch.Count; k++)
            {
                var (i, img) = batch[k];
                try
                {
                    var f = PredictionWriter.Write(outDir, images[i], img, predictor.ToOriginal(probs[k], img), options, model.Source);
                    rows[i] = new PredictRow(images[i].Display, images[i].OutputName, PredictRow.Ok, "", img.Width, img.Height, f);
                }
                catch (IOException e)
                {
                    throw new UserFacingException($"cannot write the outputs of {images[i].Display} into {Path.Combine(outDir, images[i].OutputName)}: {e.Message}", e);
                }
                observer.OnImage(rows[i]!);
            }
            batch.Clear();
        }
        foreach (var i in pending)
        {
            cancellation.ThrowIfCancellationRequested();
            GreyImage image;
            try
            {
                image = GreyImageLoader.Load(images[i].Path);
            }
            catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
            {
                rows[i] = new PredictRow(images[i].Display, images[i].OutputName, PredictRow.Error, Describe(e), 0, 0, null);
                observer.OnImage(rows[i]!);
                continue;
            }
            batch.Add((i, image));
            if (batch.Count >= options.BatchSize) Flush();
        }
        Flush();
        var all = rows.Select(r => r!).ToArray();
        PredictionWriter.WriteSummary(summary, all, predictor.ClassNames);
        return new PredictJobResult(outDir, summary, all, predictor.ClassNames, sw.Elapsed.TotalSeconds);
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
