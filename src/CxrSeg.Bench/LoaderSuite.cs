using System.Diagnostics;
using CxrSeg.Data.Transforms;
using static TorchSharp.torch;

namespace CxrSeg.Bench;

/// <summary>
/// Prepared set → augmented, normalised training batch (the trainer's <see cref="BatchBuilder"/>) in images/s on
/// one core, against the bench model's training images/s of the same run.
/// </summary>
public sealed class LoaderSuite : IBenchSuite
{
    /// <summary>Target for loader images/s ÷ training images/s.</summary>
    public static readonly BenchTarget Target = BenchTarget.Min(20);

    /// <inheritdoc />
    public string Name => "loader";

    /// <inheritdoc />
    public string Description => "cache → augmented batch images/s on one core vs the model's training images/s";

    /// <inheritdoc />
    public IReadOnlyList<BenchFigure> Run(BenchContext context)
    {
        var s = context.Settings;
        var spec = PairingNames.Parse(s.Model);
        var name = PairingNames.Of(spec);
        var train = context.TrainStep(spec).ImagesPerSecond;
        var data = BenchData.Segmentation(s.Size, s.LoaderImages, 0, seed: 3);
        var threads = get_num_threads();
        set_num_threads(1);
        try
        {
            var augmented = context.MedianOf(() => Rate(data, s.Batch, new AugmentOptions()));
            var always = context.MedianOf(() => Rate(data, s.Batch, new AugmentOptions(FlipProbability: 1, RotationProbability: 1, BlurProbability: 1)));
            var plain = context.MedianOf(() => Rate(data, s.Batch, null));
            return
            [
                new BenchFigure($"{name} training", train, "images/s"),
                Target.Figure($"loader, default augmentation ({s.Size}², 13 masks)", augmented, "images/s (1 core)", augmented / train, $"{name} training images/s"),
                new BenchFigure("loader, every augmentation on every image", always, "images/s (1 core)", always / train, $"{name} training images/s"),
                new BenchFigure("loader, no augmentation", plain, "images/s (1 core)", plain / train, $"{name} training images/s"),
            ];
        }
        finally
        {
            set_num_threads(threads);
        }
    }

    private static double Rate(Data.Cache.IPreparedSet data, int batch, AugmentOptions? augment)
    {
        var builder = new BatchBuilder(data, BatchTarget.Masks, new Normalisation(), 1, augment, new Device("cpu"));
        var order = Enumerable.Range(0, data.Count).ToArray();
        var done = 0;
        var sw = Stopwatch.StartNew();
        for (var start = 0; start + batch <= order.Length; start += batch)
        {
            using var scope = NewDisposeScope();
            var idx = order[start..(start + batch)];
            _ = builder.Build(idx, idx.Select(i => 1000 + i).ToArray());
            done += batch;
        }
        return done / sw.Elapsed.TotalSeconds;
    }
}
