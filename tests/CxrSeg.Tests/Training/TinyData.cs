using CxrSeg.Data.Cache;

namespace CxrSeg.Tests.Training;

/// <summary>Synthetic prepared sets: bright discs on a noisy background; channel 0 "Right Lung" (image left), 1 "Left Lung" (image right), 2 "Spot".</summary>
internal static class TinyData
{
    public static readonly string[] Classes = ["Right Lung", "Left Lung", "Spot"];

    public static InMemoryPreparedSet Segmentation(int count = 16, int size = 32, int seed = 3, bool partitions = true) =>
        Make(count, size, seed, TargetKind.Mask, partitions);

    public static InMemoryPreparedSet Classification(int count = 16, int size = 32, int seed = 3) =>
        Make(count, size, seed, TargetKind.Labels, false);

    private static InMemoryPreparedSet Make(int count, int size, int seed, TargetKind kind, bool partitions)
    {
        var rng = new Random(seed);
        var n = size * size;
        var images = new byte[count][];
        var masks = new byte[count][];
        var labels = new float[count][];
        var labelled = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            var img = new byte[n];
            var mask = new byte[3 * n];
            for (var k = 0; k < n; k++) img[k] = (byte)rng.Next(20, 60);
            var present = new[] { rng.NextDouble() < 0.8, rng.NextDouble() < 0.8, rng.NextDouble() < 0.3 };
            var centres = new[] { (size * 0.28, size * 0.5), (size * 0.72, size * 0.5), (size * 0.5, size * 0.2) };
            var radii = new[] { size * 0.18, size * 0.18, size * 0.08 };
            for (var c = 0; c < 3; c++)
            {
                if (!present[c]) continue;
                var (cx, cy) = centres[c];
                cx += rng.Next(-2, 3);
                cy += rng.Next(-2, 3);
                for (var y = 0; y < size; y++)
                for (var x = 0; x < size; x++)
                {
                    if ((x - cx) * (x - cx) + (y - cy) * (y - cy) > radii[c] * radii[c]) continue;
                    mask[c * n + y * size + x] = 1;
                    img[y * size + x] = (byte)Math.Min(255, img[y * size + x] + 120 + 40 * c);
                }
            }
            images[i] = img;
            masks[i] = mask;
            labels[i] = present.Select(p => p ? 1f : 0f).ToArray();
            labelled[i] = [1, 1, (byte)(i % 4 == 3 ? 0 : 1)];
        }
        var testN = Math.Max(2, count / 8);
        var valN = Math.Max(2, count / 8);
        var trainEnd = count - testN - valN;
        var train = Enumerable.Range(0, trainEnd).ToArray();
        var val = Enumerable.Range(trainEnd, valN).ToArray();
        var test = Enumerable.Range(trainEnd + valN, testN).ToArray();
        var pool = train.Concat(val).ToArray();
        IReadOnlyList<IReadOnlyList<int>> parts = partitions
            ? pool.Chunk(pool.Length / 4).Select(c => (IReadOnlyList<int>)c).ToArray()
            : [];
        return new InMemoryPreparedSet(kind == TargetKind.Mask ? "tiny-seg" : "tiny-cls", size, Classes, kind,
            images, kind == TargetKind.Mask ? masks : null, kind == TargetKind.Labels ? labels : null, labelled,
            new DatasetSplits(train, val, test, parts));
    }
}
