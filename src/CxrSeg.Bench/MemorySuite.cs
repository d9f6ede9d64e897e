
namespace CxrSeg.Bench;

/// <summary>Peak RSS of a training epoch of the bench model, and RSS growth from the first epoch to the last.</summary>
public sealed class MemorySuite : IBenchSuite
{
    /// <summary>Target for RSS after the last epoch ÷ RSS after the first (≤ 3% growth).</summary>
    public static readonly BenchTarget Target = BenchTarget.Max(1.03);

    /// <inheritdoc />
    public string Name => "memory";

    /// <inheritdoc />
    public string Description => "peak RSS of a training epoch and RSS growth over the memory epochs (default 10)";

    /// <inheritdoc />
    public IReadOnlyList<BenchFigure> Run(BenchContext context)
    {
        var s = context.Settings;
        var spec = PairingNames.Parse(s.Model);
        var name = PairingNames.Of(spec);
        var data = BenchData.Segmentation(s.Size, s.MemoryImages, s.Batch, seed: 2);
        context.Log($"memory {name}: {s.MemoryEpochs} epochs of {s.MemoryImages} training + {s.Batch} validation images");
        var run = EpochMeasurement.Run(spec, data, s.MemoryEpochs, s.Batch, context.Device, Path.Combine(context.Scratch, "memory-run"));
        var first = run.RssMiB[0];
        var last = run.RssMiB[^1];
        return
        [
            new BenchFigure($"{name} peak RSS, training ({s.Size}², batch {s.Batch})", run.PeakRssMiB, "MiB"),
            new BenchFigure("RSS after epoch 1", first, "MiB"),
            new BenchFigure($"RSS after epoch {run.RssMiB.Count}", last, "MiB"),
            Target.Figure($"RSS growth over {run.RssMiB.Count} epochs", last - first, "MiB", last / first, "RSS after epoch 1"),
            // A one-time rise to the working set's plateau shows in the first interval only; a leak keeps growing after it.
            new BenchFigure($"RSS growth, epoch 2 → {run.RssMiB.Count}", last - run.RssMiB[1], "MiB", last / run.RssMiB[1], "RSS after epoch 2"),
        ];
    }
}
