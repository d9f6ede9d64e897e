namespace CxrSeg.Phantoms;

/// <summary>
/// A small deterministic random source (SplitMix64) whose stream depends only on its seed, so that every
/// phantom can derive its own generator from (dataset seed, stream, index) and be rendered in any order or thread.
/// </summary>
public sealed class PhantomRandom
{
    private ulong _state;

    /// <summary>Creates a generator from a 64-bit seed.</summary>
    public PhantomRandom(ulong seed) => _state = seed;

    /// <summary>A generator for item <paramref name="index"/> of stream <paramref name="stream"/> under a run seed.</summary>
    public static PhantomRandom For(int seed, string stream, long index)
    {
        ulong h = 1469598103934665603UL;
        foreach (var c in stream) { h ^= c; h *= 1099511628211UL; }
        return new PhantomRandom(Mix((ulong)(uint)seed * 0x9E3779B97F4A7C15UL ^ Mix(h) ^ Mix((ulong)index + 0x632BE59BD9B4E019UL)));
    }

    /// <summary>A child generator whose stream is independent of how much this one is used afterwards.</summary>
    public PhantomRandom Fork(string name) => For((int)(NextULong() & 0x7fffffff), name, (long)(NextULong() >> 1));

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Next 64 random bits.</summary>
    public ulong NextULong()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Mix(_state);
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [lo, hi).</summary>
    public double Range(double lo, double hi) => lo + (hi - lo) * NextDouble();

    /// <summary>Uniform float in [lo, hi).</summary>
    public float RangeF(double lo, double hi) => (float)Range(lo, hi);

    /// <summary>Uniform integer in [lo, hiExclusive).</summary>
    public int Int(int lo, int hiExclusive) => lo + (int)(NextDouble() * (hiExclusive - lo));

    /// <summary>True with probability <paramref name="p"/>.</summary>
    public bool Chance(double p) => NextDouble() < p;

    /// <summary>Standard normal (Box–Muller).</summary>
    public double Normal()
    {
        var u1 = 1.0 - NextDouble();
        var u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>Two independent standard normals (both Box–Muller outputs).</summary>
    public (float, float) NormalPair()
    {
        var u1 = 1.0 - NextDouble();
        var u2 = 2 * Math.PI * NextDouble();
        var r = Math.Sqrt(-2.0 * Math.Log(u1));
        return ((float)(r * Math.Cos(u2)), (float)(r * Math.Sin(u2)));
    }

    /// <summary>Picks an index with the given (unnormalised) weights.</summary>
    public int Pick(IReadOnlyList<double> weights)
    {
        var total = weights.Sum();
        var r = NextDouble() * total;
        for (var i = 0; i < weights.Count; i++)
        {
            r -= weights[i];
            if (r < 0) return i;
        }
        return weights.Count - 1;
    }

    /// <summary>Fisher–Yates shuffle in place.</summary>
    public void Shuffle<T>(IList<T> items)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = Int(0, i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>Random letters and digits (for synthetic file ids).</summary>
    public string Alnum(int length)
    {
        const string chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        var c = new char[length];
        for (var i = 0; i < length; i++) c[i] = chars[Int(0, chars.Length)];
        return new string(c);
    }
}
