namespace CxrSeg.Data.Transforms;

/// <summary>
/// Seeded choice of a square training crop (nnU-Net-style foreground oversampling): with probability
/// <see cref="Foreground"/> the crop is centred on a pixel of a class present (and labelled) in the image, the class drawn
/// with probability ∝ 1/√(its pixel count in the image) so thin and small structures are preferred, the pixel uniformly
/// among that class's pixels; otherwise the crop is placed uniformly. A crop never leaves the image (it is shifted inside).
/// </summary>
public sealed class CropSampler
{
    /// <summary>Creates a sampler of <paramref name="size"/>² crops with the given foreground share.</summary>
    public CropSampler(int size, double foreground)
    {
        if (size < 1) throw new ArgumentOutOfRangeException(nameof(size));
        Size = size;
        Foreground = foreground;
    }

    /// <summary>Side of a crop in pixels.</summary>
    public int Size { get; }

    /// <summary>Share of crops centred on a foreground pixel.</summary>
    public double Foreground { get; }

    /// <summary>A crop: its top-left corner, and the class it was centred on (-1: placed uniformly).</summary>
    public readonly record struct Window(int X, int Y, int Class, int CentreX, int CentreY);

    /// <summary>
    /// Chooses the crop of an <paramref name="imageSize"/>² image whose masks are <paramref name="mask"/> (C planes, channel-major,
    /// may be empty) with <paramref name="labelled"/> flags (C, may be empty). The same seed gives the same window.
    /// </summary>
    public Window Choose(int seed, int imageSize, ReadOnlySpan<byte> mask, ReadOnlySpan<byte> labelled)
    {
        if (Size > imageSize) throw new ArgumentException($"crop {Size} is larger than the image ({imageSize})");
        var rng = new Random(unchecked(seed * 1_000_003 + 7919));
        var n = imageSize * imageSize;
        var classes = mask.Length / Math.Max(1, n);
        if (classes > 0 && rng.NextDouble() < Foreground)
        {
            var counts = new long[classes];
            var weights = new double[classes];
            double total = 0;
            for (var k = 0; k < classes; k++)
            {
                if (labelled.Length > 0 && labelled[k] == 0) continue;
                counts[k] = Count(mask.Slice(k * n, n));
                if (counts[k] == 0) continue;
                weights[k] = 1 / Math.Sqrt(counts[k]);
                total += weights[k];
            }
            if (total > 0)
            {
                var cls = Draw(rng, weights, total);
                var pixel = Nth(mask.Slice(cls * n, n), rng.NextInt64(counts[cls]));
                var (cx, cy) = (pixel % imageSize, pixel / imageSize);
                return new Window(Place(cx, imageSize), Place(cy, imageSize), cls, cx, cy);
            }
        }
        var x = rng.Next(imageSize - Size + 1);
        var y = rng.Next(imageSize - Size + 1);
        return new Window(x, y, -1, x + Size / 2, y + Size / 2);
    }

    /// <summary>Copies the window of each plane of <paramref name="source"/> (planes of <paramref name="imageSize"/>²) into <paramref name="destination"/> (planes of <see cref="Size"/>²).</summary>
    public void Extract<T>(ReadOnlySpan<T> source, int imageSize, Window w, Span<T> destination)
    {
        var n = imageSize * imageSize;
        var m = Size * Size;
        var planes = source.Length / n;
        for (var p = 0; p < planes; p++)
        for (var y = 0; y < Size; y++)
            source.Slice(p * n + (w.Y + y) * imageSize + w.X, Size).CopyTo(destination.Slice(p * m + y * Size, Size));
    }

    private int Place(int centre, int imageSize) => Math.Clamp(centre - Size / 2, 0, imageSize - Size);

    private static int Draw(Random rng, double[] weights, double total)
    {
        var r = rng.NextDouble() * total;
        var last = 0;
        for (var k = 0; k < weights.Length; k++)
        {
            if (weights[k] <= 0) continue;
            last = k;
            if (r < weights[k]) return k;
            r -= weights[k];
        }
        return last;
    }

    private static long Count(ReadOnlySpan<byte> plane)
    {
        long s = 0;
        foreach (var b in plane) if (b != 0) s++;
        return s;
    }

    private static int Nth(ReadOnlySpan<byte> plane, long nth)
    {
        for (var i = 0; i < plane.Length; i++)
            if (plane[i] != 0 && nth-- == 0) return i;
        throw new InvalidOperationException("pixel index beyond the class's pixels");
    }
}
