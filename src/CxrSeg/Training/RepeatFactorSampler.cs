using CxrSeg.Data.Cache;

namespace CxrSeg.Training;

/// <summary>
/// Image-level oversampling of rare classes by repeat factors (<see cref="Stages.TrainOptions.RepeatThreshold"/>): with
/// threshold t, a class found in a share f of the training images (those where it is labelled) has the factor
/// max(1, √(t / f)); an image's factor is the largest factor of the classes it holds (1 when it holds none). In each epoch an
/// image appears ⌊r⌋ times plus once more with probability r − ⌊r⌋, so rare-class images are seen more often while
/// common ones are seen once. Presence is read once per image: any mask pixel (segmentation) or a positive label
/// (classification).
/// </summary>
public sealed class RepeatFactorSampler
{
    private readonly IPreparedSet _data;
    private readonly Dictionary<int, bool[]> _presence = [];

    /// <summary>A sampler of <paramref name="data"/> with threshold <paramref name="threshold"/> in (0, 1].</summary>
    public RepeatFactorSampler(IPreparedSet data, double threshold)
    {
        if (!(threshold > 0 && threshold <= 1)) throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "repeat threshold must be in (0, 1]");
        _data = data;
        Threshold = threshold;
    }

    /// <summary>The share of images below which a class's images are repeated.</summary>
    public double Threshold { get; }

    /// <summary>Each class's share of the <paramref name="train"/> images holding it, among those where it is labelled (NaN where labelled nowhere).</summary>
    public double[] ClassShares(IReadOnlyList<int> train)
    {
        var c = _data.ClassNames.Count;
        var holding = new int[c];
        var labelled = new int[c];
        var flags = new byte[c];
        foreach (var i in train)
        {
            _data.CopyLabelled(i, flags);
            var present = Presence(i);
            for (var k = 0; k < c; k++)
            {
                if (flags[k] == 0) continue;
                labelled[k]++;
                if (present[k]) holding[k]++;
            }
        }
        return Enumerable.Range(0, c).Select(k => labelled[k] == 0 ? double.NaN : (double)holding[k] / labelled[k]).ToArray();
    }

    /// <summary>The repeat factor of each image of <paramref name="train"/>, in its order.</summary>
    public double[] Factors(IReadOnlyList<int> train)
    {
        var classFactor = ClassShares(train).Select(f => double.IsNaN(f) || f <= 0 ? 1 : Math.Max(1, Math.Sqrt(Threshold / f))).ToArray();
        return train.Select(i =>
        {
            var present = Presence(i);
            var r = 1.0;
            for (var k = 0; k < present.Length; k++) if (present[k]) r = Math.Max(r, classFactor[k]);
            return r;
        }).ToArray();
    }

    /// <summary>One epoch's images: each of <paramref name="train"/> repeated by its factor (stochastic rounding), shuffled by <paramref name="rng"/>.</summary>
    public int[] EpochOrder(IReadOnlyList<int> train, Random rng)
    {
        var factors = Factors(train);
        var order = new List<int>(train.Count * 2);
        for (var j = 0; j < train.Count; j++)
        {
            var whole = (int)Math.Floor(factors[j]);
            var copies = whole + (rng.NextDouble() < factors[j] - whole ? 1 : 0);
            for (var n = 0; n < copies; n++) order.Add(train[j]);
        }
        var result = order.ToArray();
        rng.Shuffle(result);
        return result;
    }

    private bool[] Presence(int index)
    {
        if (_presence.TryGetValue(index, out var cached)) return cached;
        var c = _data.ClassNames.Count;
        var present = new bool[c];
        var labelled = new byte[c];
        _data.CopyLabelled(index, labelled);
        if (_data.Target == TargetKind.Mask)
        {
            var n = _data.Size * _data.Size;
            var mask = new byte[c * n];
            _data.CopyMask(index, mask);
            for (var k = 0; k < c; k++) present[k] = labelled[k] != 0 && mask.AsSpan(k * n, n).IndexOfAnyExcept((byte)0) >= 0;
        }
        else
        {
            var labels = new float[c];
            _data.CopyLabels(index, labels);
            for (var k = 0; k < c; k++) present[k] = labelled[k] != 0 && labels[k] >= 0.5f;
        }
        _presence[index] = present;
        return present;
    }
}
