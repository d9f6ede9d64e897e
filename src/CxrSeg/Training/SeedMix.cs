namespace CxrSeg.Training;

/// <summary>Derives independent, reproducible seeds from a run seed and coordinates (SplitMix64 finaliser).</summary>
public static class SeedMix
{
    /// <summary>A 32-bit seed for the given coordinates; equal inputs always give equal seeds.</summary>
    public static int Derive(int seed, params long[] parts)
    {
        ulong h = 0x9E3779B97F4A7C15UL ^ (ulong)(uint)seed;
        foreach (var p in parts) h = Mix(h + 0x9E3779B97F4A7C15UL + (ulong)p);
        return (int)(Mix(h) & 0x7FFFFFFF);
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
