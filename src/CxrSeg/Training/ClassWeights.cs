using CxrSeg.Data.Cache;
using CxrSeg.Stages;

namespace CxrSeg.Training;

/// <summary>
/// Per-class loss weights (<see cref="TrainOptions.ClassWeights"/>): explicit, or computed as the inverse square root of each
/// class's pixel frequency on the training images (where the class is labelled), normalised to mean 1.
/// </summary>
public static class ClassWeights
{
    /// <summary>Frequencies below this (an absent class) count as this, so a weight stays finite.</summary>
    public const double MinFrequency = 1e-4;

    /// <summary>The weights the options ask for on these training images, or null for an unweighted loss.</summary>
    public static double[]? Resolve(TrainOptions o, IPreparedSet data, IReadOnlyList<int> train)
    {
        var spec = ClassWeightSpec.Parse(o.ClassWeights);
        if (spec.IsNone) return null;
        return spec.Auto ? FromFrequencies(PixelFrequencies(data, train)) : spec.ForClasses(data.ClassNames.Count).ToArray();
    }

    /// <summary>Each class's share of foreground pixels over the images where it is labelled (NaN for a class labelled nowhere).</summary>
    public static double[] PixelFrequencies(IPreparedSet data, IReadOnlyList<int> indices)
    {
        var c = data.ClassNames.Count;
        var n = data.Size * data.Size;
        var positive = new long[c];
        var images = new long[c];
        var mask = new byte[c * n];
        var labelled = new byte[c];
        foreach (var i in indices)
        {
            data.CopyLabelled(i, labelled);
            data.CopyMask(i, mask);
            for (var k = 0; k < c; k++)
            {
                if (labelled[k] == 0) continue;
                images[k]++;
                positive[k] += Count(mask.AsSpan(k * n, n));
            }
        }
        return Enumerable.Range(0, c).Select(k => images[k] == 0 ? double.NaN : (double)positive[k] / (images[k] * (double)n)).ToArray();
    }

    /// <summary>1 / √frequency (frequency floored at <see cref="MinFrequency"/>; a NaN frequency gives the mean weight), scaled to mean 1.</summary>
    public static double[] FromFrequencies(IReadOnlyList<double> frequencies)
    {
        var raw = frequencies.Select(f => double.IsNaN(f) ? double.NaN : 1 / Math.Sqrt(Math.Max(f, MinFrequency))).ToArray();
        var known = raw.Where(w => !double.IsNaN(w)).ToArray();
        if (known.Length == 0) return raw.Select(_ => 1.0).ToArray();
        var fill = known.Average();
        for (var k = 0; k < raw.Length; k++) if (double.IsNaN(raw[k])) raw[k] = fill;
        var mean = raw.Average();
        return raw.Select(w => w / mean).ToArray();
    }

    private static long Count(ReadOnlySpan<byte> plane)
    {
        long s = 0;
        foreach (var b in plane) s += b;
        return s;
    }
}
