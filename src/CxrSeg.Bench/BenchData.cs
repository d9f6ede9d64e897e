using CxrSeg.Data.Cache;
using CxrSeg.Data.Ccxs;

namespace CxrSeg.Bench;

/// <summary>
/// Synthetic prepared sets for the suites: CCXS-shaped (13 mask channels with their names, so the flip swaps the
/// lungs), images with a smooth gradient and noise, masks of a few filled ellipses, every class labelled.
/// </summary>
public static class BenchData
{
    /// <summary>A segmentation set of <paramref name="train"/> + <paramref name="validation"/> images of side <paramref name="size"/>.</summary>
    public static InMemoryPreparedSet Segmentation(int size, int train, int validation, int seed = 1)
    {
        var n = train + validation;
        var names = CcxsClasses.Names;
        var rng = new Random(seed);
        var images = new byte[n][];
        var masks = new byte[n][];
        for (var i = 0; i < n; i++)
        {
            images[i] = Image(size, rng);
            masks[i] = Masks(size, names.Count, rng);
        }
        var splits = new DatasetSplits(Enumerable.Range(0, train).ToArray(), Enumerable.Range(train, validation).ToArray(), [], []);
        return new InMemoryPreparedSet("bench", size, names, TargetKind.Mask, images, masks, null, null, splits);
    }

    /// <summary>One grey image: a vertical gradient with noise.</summary>
    public static byte[] Image(int size, Random rng)
    {
        var px = new byte[size * size];
        for (var y = 0; y < size; y++)
        for (var x = 0; x < size; x++)
            px[y * size + x] = (byte)Math.Clamp(40 + 150 * y / size + rng.Next(-20, 21), 0, 255);
        return px;
    }

    private static byte[] Masks(int size, int classes, Random rng)
    {
        var m = new byte[classes * size * size];
        for (var c = 0; c < classes; c++)
        {
            if (c > 1 && rng.NextDouble() < 0.5) continue;
            double cx = rng.NextDouble() * size, cy = rng.NextDouble() * size, rx = size * (0.05 + rng.NextDouble() * 0.2), ry = size * (0.05 + rng.NextDouble() * 0.3);
            for (var y = 0; y < size; y++)
            for (var x = 0; x < size; x++)
            {
                double dx = (x - cx) / rx, dy = (y - cy) / ry;
                if (dx * dx + dy * dy <= 1) m[c * size * size + y * size + x] = 1;
            }
        }
        return m;
    }
}
