
namespace CxrSeg.Data.Transforms;

/// <summary>
/// Seeded augmentation of one image (S×S floats, 0..1) with its masks (C×S×S bytes) and labelled flags:
/// horizontal flip (swapping the lung channel pair), small rotation (image bilinear, masks nearest and kept
/// binary) and mild Gaussian blur (image only). The same seed always gives the same result.
/// </summary>
public sealed class Augmenter
{
    private readonly AugmentOptions _o;
    private readonly (int A, int B)[] _swapPairs;

    /// <summary>Creates an augmenter; <paramref name="flipSwapPairs"/> are channel pairs exchanged by a horizontal flip.</summary>
    public Augmenter(AugmentOptions options, IReadOnlyList<(int A, int B)> flipSwapPairs)
    {
        _o = options;
        _swapPairs = flipSwapPairs.ToArray();
    }

    /// <summary>The channel pairs a flip swaps for these class names: (Right Lung, Left Lung) when both are present.</summary>
    public static IReadOnlyList<(int A, int B)> LungPairs(IReadOnlyList<string> classNames)
    {
        var right = Data.Ccxs.CcxsClasses.All[Data.Ccxs.CcxsClasses.RightLung].Name;
        var left = Data.Ccxs.CcxsClasses.All[Data.Ccxs.CcxsClasses.LeftLung].Name;
        var r = IndexOf(classNames, right);
        var l = IndexOf(classNames, left);
        return r >= 0 && l >= 0 ? [(r, l)] : [];
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
            if (string.Equals(names[i], name, StringComparison.OrdinalIgnoreCase)) return i;
        return -1;
    }

    /// <summary>What a seed decided (for logs and tests).</summary>
    public readonly record struct Decision(bool Flip, double RotationDegrees, double BlurSigma);

    /// <summary>Draws the augmentation for a seed without applying it.</summary>
    public Decision Decide(int seed)
    {
        if (!_o.Enabled) return new Decision(false, 0, 0);
        var rng = new Random(seed);
        var flip = rng.NextDouble() < _o.FlipProbability;
        var rotP = rng.NextDouble();
        var angle = (rng.NextDouble() * 2 - 1) * _o.MaxRotationDegrees;
        var blurP = rng.NextDouble();
        var sigma = _o.BlurSigmaMin + rng.NextDouble() * (_o.BlurSigmaMax - _o.BlurSigmaMin);
        return new Decision(flip, rotP < _o.RotationProbability ? angle : 0, blurP < _o.BlurProbability ? sigma : 0);
    }

    /// <summary>Augments in place. <paramref name="mask"/> (C×S×S) and <paramref name="labelled"/> (C) may be empty.</summary>
    public Decision Apply(int seed, float[] image, int size, byte[]? mask, byte[]? labelled)
    {
        var d = Decide(seed);
        Apply(d, image, size, mask, labelled);
        return d;
    }

    /// <summary>Applies a given decision in place.</summary>
    public void Apply(Decision d, float[] image, int size, byte[]? mask, byte[]? labelled)
    {
        var channels = mask is null ? 0 : mask.Length / (size * size);
        if (d.Flip)
        {
            FlipRows(image.AsSpan(), size);
            for (var c = 0; c < channels; c++) FlipRows(mask.AsSpan(c * size * size, size * size), size);
            foreach (var (a, b) in _swapPairs)
            {
                if (mask is not null && a < channels && b < channels)
                {
                    var sa = mask.AsSpan(a * size * size, size * size);
                    var sb = mask.AsSpan(b * size * size, size * size);
                    var tmp = sa.ToArray();
                    sb.CopyTo(sa);
                    tmp.CopyTo(sb);
                }
                if (labelled is not null && a < labelled.Length && b < labelled.Length)
                    (labelled[a], labelled[b]) = (labelled[b], labelled[a]);
            }
        }
        if (d.RotationDegrees != 0)
        {
            RotateBilinear(image, size, d.RotationDegrees);
            if (channels > 0)
            {
                var map = NearestSourceMap(size, d.RotationDegrees);
                var plane = new byte[size * size];
                for (var c = 0; c < channels; c++) RotateNearest(mask!.AsSpan(c * size * size, size * size), map, plane);
            }
        }
        if (d.BlurSigma > 0) GaussianBlur(image, size, d.BlurSigma);
    }

    private static void FlipRows<T>(Span<T> plane, int size)
    {
        for (var y = 0; y < size; y++) plane.Slice(y * size, size).Reverse();
    }

    private static void RotateBilinear(float[] img, int size, double degrees)
    {
        var src = (float[])img.Clone();
        var (cos, sin) = (Math.Cos(degrees * Math.PI / 180), Math.Sin(degrees * Math.PI / 180));
        var c = (size - 1) / 2.0;
        for (var y = 0; y < size; y++)
        for (var x = 0; x < size; x++)
        {
            // inverse mapping: source = R(-θ)·(dest − centre) + centre, edges clamped
            var dx = x - c; var dy = y - c;
            var sx = Math.Clamp(cos * dx + sin * dy + c, 0, size - 1);
            var sy = Math.Clamp(-sin * dx + cos * dy + c, 0, size - 1);
            var x0 = (int)sx; var y0 = (int)sy;
            var x1 = Math.Min(x0 + 1, size - 1); var y1 = Math.Min(y0 + 1, size - 1);
            var fx = (float)(sx - x0); var fy = (float)(sy - y0);
            var top = src[y0 * size + x0] * (1 - fx) + src[y0 * size + x1] * fx;
            var bottom = src[y1 * size + x0] * (1 - fx) + src[y1 * size + x1] * fx;
            img[y * size + x] = top * (1 - fy) + bottom * fy;
        }
    }

    /// <summary>For each destination pixel, the source pixel under a rotation by <paramref name="degrees"/> (nearest), or −1 outside.</summary>
    private static int[] NearestSourceMap(int size, double degrees)
    {
        var map = new int[size * size];
        var (cos, sin) = (Math.Cos(degrees * Math.PI / 180), Math.Sin(degrees * Math.PI / 180));
        var c = (size - 1) / 2.0;
        for (var y = 0; y < size; y++)
        for (var x = 0; x < size; x++)
        {
            var dx = x - c; var dy = y - c;
            var sx = (int)Math.Round(cos * dx + sin * dy + c);
            var sy = (int)Math.Round(-sin * dx + cos * dy + c);
            map[y * size + x] = sx >= 0 && sy >= 0 && sx < size && sy < size ? sy * size + sx : -1;
        }
        return map;
    }

    /// <summary>Rotates one 0/1 plane in place through a precomputed source map (shared by every channel of an image).</summary>
    private static void RotateNearest(Span<byte> plane, int[] map, byte[] scratch)
    {
        plane.CopyTo(scratch);
        for (var k = 0; k < map.Length; k++)
        {
            var from = map[k];
            plane[k] = from >= 0 && scratch[from] != 0 ? (byte)1 : (byte)0;
        }
    }

    private static void GaussianBlur(float[] img, int size, double sigma)
    {
        var r = Math.Max(1, (int)Math.Ceiling(3 * sigma));
        var k = new float[2 * r + 1];
        double sum = 0;
        for (var i = -r; i <= r; i++) sum += k[i + r] = (float)Math.Exp(-i * i / (2 * sigma * sigma));
        for (var i = 0; i < k.Length; i++) k[i] = (float)(k[i] / sum);
        var tmp = new float[img.Length];
        for (var y = 0; y < size; y++)
        for (var x = 0; x < size; x++)
        {
            float acc = 0;
            for (var i = -r; i <= r; i++) acc += k[i + r] * img[y * size + Math.Clamp(x + i, 0, size - 1)];
            tmp[y * size + x] = acc;
        }
        for (var y = 0; y < size; y++)
        for (var x = 0; x < size; x++)
        {
            float acc = 0;
            for (var i = -r; i <= r; i++) acc += k[i + r] * tmp[Math.Clamp(y + i, 0, size - 1) * size + x];
            img[y * size + x] = acc;
        }
    }
}
