namespace CxrSeg.Data.Splits;

/// <summary>Fisher–Yates shuffle with <see cref="Random"/>(seed): the same seed gives the same order on every run and machine.</summary>
public static class SeededShuffle
{
    /// <summary>Shuffles <paramref name="items"/> in place.</summary>
    public static void Shuffle<T>(T[] items, int seed)
    {
        var rng = new Random(seed);
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = rng.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
