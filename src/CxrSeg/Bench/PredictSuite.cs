using CxrSeg.Predict;

namespace CxrSeg.Bench;

/// <summary>
/// End-to-end prediction seconds per image (<see cref="PredictJob"/>: PNG decode, letterbox, forward, masks at the
/// original size, mask PNGs, overlay, findings) against the bare forward of the same network, at batch 1 and batched,
/// and at batch 1 without the overlay (<see cref="PredictBenchmark"/>).
/// </summary>
public sealed class PredictSuite : IBenchSuite
{
    /// <summary>Target for end-to-end ÷ bare forward per image at batch 1.</summary>
    public static readonly BenchTarget Target = BenchTarget.Max(1.2);

    /// <inheritdoc />
    public string Name => "predict";

    /// <inheritdoc />
    public string Description => "end-to-end s/image (files in, masks, overlay and findings out) vs bare forward, batch 1 and batched, and batch 1 without the overlay";

    /// <inheritdoc />
    public IReadOnlyList<BenchFigure> Run(BenchContext context)
    {
        var s = context.Settings;
        var spec = PairingNames.Parse(s.Model);
        var dir = Path.Combine(context.Scratch, "predict");
        var options = new PredictBenchmarkOptions
        {
            Spec = spec, InputSize = s.Size, Images = s.PredictImages, BatchSize = s.Batch, ImageWidth = s.PredictSourceSize,
            ImageHeight = s.PredictSourceSize, Repeat = context.Repeat, Device = context.Device,
        };
        context.Log($"predict {PairingNames.Of(spec)}: {s.PredictImages} PNGs of {s.PredictSourceSize}² at {s.Size}², batch 1 and {s.Batch}");
        try
        {
            return PredictBenchmark.Figures(PredictBenchmark.Run(options, dir, log: context.Log));
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }
}
