using System.Globalization;
using CxrSeg.Data.Cache;

namespace CxrSeg.Data.Stats;

/// <summary>
/// How visible each mask class of a prepared cache is at the cache's size: per class, the share of the image it
/// covers and its contrast against its surroundings, in units of the image's own spread. For one image and class:
/// contrast = (mean grey inside the mask − mean grey in a ring of <see cref="RingWidth"/> pixels around it) / (std
/// of the image's non-padding pixels); the ring leaves out the letterbox padding (grey 0). Used to compare phantoms
/// with real X-rays prepared at the same size (<c>cxrseg stats prepared --source PREPARED</c>).
/// </summary>
public static class MaskContrast
{
    /// <summary>Width of the ring around a mask, in pixels of the prepared size, for a given size (2 px at 96²).</summary>
    public static int RingWidth(int size) => Math.Max(1, (int)Math.Round(size / 48.0));

    /// <summary>One class's statistics over the images where it is drawn.</summary>
    /// <param name="Class">Class name.</param>
    /// <param name="Images">Images with at least one mask pixel of the class (and a non-empty ring).</param>
    /// <param name="MedianAreaPercent">Median share of the image the mask covers, %.</param>
    /// <param name="MedianContrast">Median signed contrast (positive: brighter, i.e. denser, than around it).</param>
    /// <param name="MedianAbsContrast">Median absolute contrast.</param>
    public sealed record ClassContrast(string Class, int Images, double MedianAreaPercent, double MedianContrast, double MedianAbsContrast);

    /// <summary>Statistics of every mask class of <paramref name="set"/> over the images in <paramref name="indices"/> (all when null).</summary>
    public static IReadOnlyList<ClassContrast> Compute(IPreparedSet set, IReadOnlyList<int>? indices = null)
    {
        if (set.Target != TargetKind.Mask) throw new UserFacingException($"{set.Name}: contrast needs a mask cache (this one holds {set.Target.ToString().ToLowerInvariant()})");
        var n = set.Size;
        var classes = set.ClassNames.Count;
        var image = new byte[n * n];
        var masks = new byte[classes * n * n];
        var labelled = new byte[classes];
        var area = Enumerable.Range(0, classes).Select(_ => new List<double>()).ToArray();
        var contrast = Enumerable.Range(0, classes).Select(_ => new List<double>()).ToArray();
        var ring = RingWidth(n);
        foreach (var i in indices ?? Enumerable.Range(0, set.Count).ToArray())
        {
            set.CopyImage(i, image);
            set.CopyMask(i, masks);
            set.CopyLabelled(i, labelled);
            var std = ForegroundStd(image);
            if (std <= 0) continue;
            for (var c = 0; c < classes; c++)
            {
                if (labelled[c] == 0) continue;
                var mask = masks.AsSpan(c * n * n, n * n);
                var v = One(image, mask, n, ring);
                if (v is null) continue;
                area[c].Add(100.0 * v.Value.Pixels / (n * n));
                contrast[c].Add((v.Value.Inside - v.Value.Around) / std);
            }
        }
        return Enumerable.Range(0, classes).Select(c => new ClassContrast(set.ClassNames[c], area[c].Count,
            Median(area[c]), Median(contrast[c]), Median(contrast[c].Select(Math.Abs).ToList()))).ToArray();
    }

    /// <summary>Mean inside the mask and in the ring around it (padding left out), or null when either is empty.</summary>
    public static (double Inside, double Around, int Pixels)? One(ReadOnlySpan<byte> image, ReadOnlySpan<byte> mask, int n, int ring)
    {
        var near = Dilate(mask, n, ring);
        double inside = 0, around = 0;
        int nIn = 0, nAround = 0;
        for (var p = 0; p < n * n; p++)
        {
            if (mask[p] != 0) { inside += image[p]; nIn++; continue; }
            if (image[p] == 0 || !near[p]) continue;
            around += image[p];
            nAround++;
        }
        return nIn == 0 || nAround == 0 ? null : (inside / nIn, around / nAround, nIn);
    }

    /// <summary>Pixels within <paramref name="ring"/> (Chebyshev distance) of the mask: a square dilation, done by rows then columns.</summary>
    private static bool[] Dilate(ReadOnlySpan<byte> mask, int n, int ring)
    {
        var rows = new bool[n * n];
        for (var y = 0; y < n; y++)
        {
            var last = int.MinValue / 2; // column of the last mask pixel seen from the left
            for (var x = 0; x < n; x++)
            {
                if (mask[y * n + x] != 0) last = x;
                if (x - last <= ring) rows[y * n + x] = true;
            }
            last = int.MaxValue / 2;
            for (var x = n - 1; x >= 0; x--)
            {
                if (mask[y * n + x] != 0) last = x;
                if (last - x <= ring) rows[y * n + x] = true;
            }
        }
        var result = new bool[n * n];
        for (var x = 0; x < n; x++)
        {
            var last = int.MinValue / 2;
            for (var y = 0; y < n; y++)
            {
                if (rows[y * n + x]) last = y;
                if (y - last <= ring) result[y * n + x] = true;
            }
            last = int.MaxValue / 2;
            for (var y = n - 1; y >= 0; y--)
            {
                if (rows[y * n + x]) last = y;
                if (last - y <= ring) result[y * n + x] = true;
            }
        }
        return result;
    }

    /// <summary>Standard deviation of the non-padding (non-zero) pixels; 0 when there are fewer than two.</summary>
    public static double ForegroundStd(ReadOnlySpan<byte> image)
    {
        double sum = 0, sq = 0;
        var k = 0;
        foreach (var b in image)
        {
            if (b == 0) continue;
            sum += b;
            sq += (double)b * b;
            k++;
        }
        if (k < 2) return 0;
        var mean = sum / k;
        return Math.Sqrt(Math.Max(0, sq / k - mean * mean));
    }

    private static double Median(List<double> v)
    {
        if (v.Count == 0) return double.NaN;
        v.Sort();
        return v.Count % 2 == 1 ? v[v.Count / 2] : 0.5 * (v[v.Count / 2 - 1] + v[v.Count / 2]);
    }

    /// <summary>The statistics as a <c>stats</c> table; <paramref name="folder"/> is a cache or a folder of caches (its latest is used).</summary>
    public static StatsTable Table(string folder)
    {
        var set = PreparedSet.Open(PreparedFolders.Resolve(folder));
        var rows = Compute(set).Select(r => (IReadOnlyList<string>)
        [
            r.Class, r.Images.ToString(CultureInfo.InvariantCulture), F(r.MedianAreaPercent, "0.00"), F(r.MedianContrast, "0.00"), F(r.MedianAbsContrast, "0.00"),
        ]).ToArray();
        return new StatsTable($"{set.Name} at {set.Size}²: visibility of each mask class", ["class", "images", "median area %", "median contrast", "median |contrast|"], rows,
        [
            $"contrast = (mean grey inside − mean grey in a {RingWidth(set.Size)}-pixel ring around the mask, padding left out) / std of the image's non-padding pixels; medians over the images where the class is drawn",
        ]);
    }

    private static string F(double v, string format) => double.IsNaN(v) ? "-" : v.ToString(format, CultureInfo.InvariantCulture);
}
