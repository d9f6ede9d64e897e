using CxrSeg.Bench.Measurements;
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
            return Figures(PredictBenchmark.Run(options, dir, log: context.Log));
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>
    /// The result as <c>cxrseg bench</c> figures (the <c>predict</c> suite's): end-to-end figures carry their ratio
    /// to the bare forward, and end to end at batch 1 carries <see cref="Target"/>.
    /// </summary>
    public static IReadOnlyList<BenchFigure> Figures(PredictBenchmarkResult r) =>
    [
        new($"{r.Model} bare forward, batch 1", r.ForwardSingle, "s/image"),
        Target.Figure("end to end, batch 1", r.EndToEndSingle, "s/image", r.OverheadSingle, "bare forward, batch 1"),
        new($"{r.Model} bare forward, batch {r.BatchSize}", r.ForwardBatched, "s/image"),
        new($"end to end, batch {r.BatchSize}", r.EndToEndBatched, "s/image", r.OverheadBatched, $"bare forward, batch {r.BatchSize}"),
        new("end to end without overlay, batch 1", r.EndToEndNoOverlaySingle, "s/image", r.OverheadNoOverlaySingle, "bare forward, batch 1"),
    ];
}
