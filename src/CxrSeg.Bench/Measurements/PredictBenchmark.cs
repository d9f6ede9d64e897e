using System.Diagnostics;
using CxrSeg.Data.Images;
using CxrSeg.Data.Transforms;
using CxrSeg.Models;
using CxrSeg.Predict;
using static TorchSharp.torch;

namespace CxrSeg.Bench.Measurements;

/// <summary>
/// Seconds per image of <see cref="PredictJob"/> end to end (PNG decode → letterbox → forward → masks at the
/// original size → mask PNGs, overlay, findings.json) against the bare forward pass of the same network at the
/// same input size, at batch 1 and batched. Inputs are generated PNGs in a scratch folder.
/// </summary>
public static class PredictBenchmark
{
    /// <summary>Measures with a random-weight network of <see cref="PredictBenchmarkOptions.Spec"/>, or with <paramref name="model"/> when given.</summary>
    public static PredictBenchmarkResult Run(PredictBenchmarkOptions options, string scratch, TrainedModel? model = null, Action<string>? log = null)
    {
        options.Validate();
        Platform.TorchRuntime.Initialize();
        log ??= _ => { };
        var own = model is null;
        if (model is null)
        {
            manual_seed(1);
            var names = Enumerable.Range(0, options.Spec.Classes)
                .Select(i => i < Data.Ccxs.CcxsClasses.All.Count ? Data.Ccxs.CcxsClasses.All[i].Name : $"class {i}").ToArray();
            model = TrainedModel.FromNetwork(ModelFactory.Create(options.Spec), options.Spec, names, options.InputSize, new Normalisation(), options.Device);
        }
        try
        {
            var input = Path.Combine(scratch, "predict-bench-in");
            Directory.CreateDirectory(input);
            for (var i = 0; i < options.Images; i++)
                PngWriter.WriteGrey8(Path.Combine(input, $"img{i:D3}.png"), Synthetic(options.ImageWidth, options.ImageHeight, i));
            var images = InputScanner.Scan([input]);

            double EndToEnd(int batch, bool overlays = true)
            {
                var o = new PredictOptions { BatchSize = batch, Overwrite = true, Device = options.Device, Overlays = overlays };
                var outDir = Path.Combine(scratch, $"predict-bench-out-{batch}");
                var sw = Stopwatch.StartNew();
                var r = PredictJob.Run(model, images, outDir, o);
                var seconds = sw.Elapsed.TotalSeconds;
                log($"batch {batch}{(overlays ? "" : ", no overlay")}: {seconds / options.Images:0.0000} s/image; {r.Timings}");
                return seconds / options.Images;
            }

            double Forward(int batch)
            {
                using var x = randn(batch, model.Spec.InChannels, model.InputSize, model.InputSize, device: model.Device);
                using var noGrad = no_grad();
                var steps = Math.Max(1, options.Images / batch);
                var sw = Stopwatch.StartNew();
                for (var k = 0; k < steps; k++)
                {
                    // the scope frees the network's intermediate tensors at once, as the predictor's does
                    using var scope = NewDisposeScope();
                    var y = model.Network.forward(x);
                    if (model.Device.type != TorchSharp.DeviceType.CPU) y.cpu();
                }
                return sw.Elapsed.TotalSeconds / (steps * batch);
            }

            Forward(1); // warm-up: first-call allocations and kernel selection
            Forward(options.BatchSize);
            EndToEnd(options.BatchSize);
            double Median(Func<double> f) => BenchContext.Median(Enumerable.Range(0, options.Repeat).Select(_ => f()));
            var fs = Median(() => Forward(1));
            var fb = Median(() => Forward(options.BatchSize));
            log($"forward: {fs:0.0000} s/image at batch 1, {fb:0.0000} at batch {options.BatchSize}");
            var es = Median(() => EndToEnd(1));
            var eb = Median(() => EndToEnd(options.BatchSize));
            var en = Median(() => EndToEnd(1, overlays: false));
            log($"end to end: {es:0.0000} s/image at batch 1, {eb:0.0000} at batch {options.BatchSize}, {en:0.0000} at batch 1 without the overlay");
            return new PredictBenchmarkResult(PairingNames.Of(model.Spec), model.InputSize,
                $"{options.ImageWidth}x{options.ImageHeight}", options.BatchSize, es, eb, fs, fb, en);
        }
        finally
        {
            if (own) model.Dispose();
        }
    }

    /// <summary>A chest-like synthetic grey image: two dark ellipses (lungs) on a bright gradient, with seeded noise.</summary>
    public static GreyImage Synthetic(int w, int h, int seed)
    {
        var rnd = new Random(seed);
        var px = new byte[w * h];
        for (var y = 0; y < h; y++)
            for (var x = 0; x < w; x++)
            {
                double u = (x + 0.5) / w, v = (y + 0.5) / h;
                var lung = Math.Pow((u - 0.3) / 0.16, 2) + Math.Pow((v - 0.5) / 0.3, 2) < 1 || Math.Pow((u - 0.7) / 0.16, 2) + Math.Pow((v - 0.5) / 0.3, 2) < 1;
                var val = (lung ? 60 : 170) + 40 * v + rnd.Next(-12, 13);
                px[y * w + x] = (byte)Math.Clamp(val, 0, 255);
            }
        return new GreyImage(w, h, px);
    }
}
