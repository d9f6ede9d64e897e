using CxrSeg.Data.Images;
using CxrSeg.Models;

namespace CxrSeg.Bench;

/// <summary>End-to-end prediction seconds per image (files in, findings out) against the bare forward, at batch 1 and batched.</summary>
public sealed class PredictSuite : IBenchSuite
{
    /// <summary>Target for end-to-end ÷ bare forward per image.</summary>
    public static readonly BenchTarget Target = BenchTarget.Max(1.2);

    /// <inheritdoc />
    public string Name => "predict";

    /// <inheritdoc />
    public string Description => "end-to-end s/image (load, letterbox, forward, masks back to source size, findings) vs bare forward";

    /// <inheritdoc />
    public IReadOnlyList<BenchFigure> Run(BenchContext context)
    {
        var s = context.Settings;
        var spec = PairingNames.Parse(s.Model);
        var name = PairingNames.Of(spec);
        var dir = Path.Combine(context.Scratch, "predict");
        Directory.CreateDirectory(dir);
        try
        {
            var rng = new Random(4);
            var files = Enumerable.Range(0, s.PredictImages).Select(i =>
            {
                var path = Path.Combine(dir, $"p{i:D3}.png");
                PngWriter.WriteGrey8(path, new GreyImage(s.PredictSourceSize, s.PredictSourceSize, BenchData.Image(s.PredictSourceSize, rng)));
                return path;
            }).ToList();
            using var net = ModelFactory.Create(spec);
            var figures = new List<BenchFigure>();
            foreach (var batch in new[] { 1, s.Batch })
            {
                context.Log($"predict {name}: {files.Count} PNGs of {s.PredictSourceSize}², batch {batch}");
                var bare = ForwardTimer.Seconds(net, spec.InChannels, batch, s.Size, Math.Max(2, context.Repeat), context.Device) / batch;
                var e2e = context.MedianOf(() => PredictMeasurement.SecondsPerImage(net, files, s.Size, batch, context.Device));
                figures.Add(new BenchFigure($"{name} bare forward, batch {batch}", bare, "s/image"));
                figures.Add(batch == 1
                    ? Target.Figure($"end to end, batch {batch}", e2e, "s/image", e2e / bare, "bare forward")
                    : new BenchFigure($"end to end, batch {batch}", e2e, "s/image", e2e / bare, "bare forward"));
            }
            return figures;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
