using CxrSeg.Data.Cache;

namespace CxrSeg.Data.Splits;

/// <summary>Seeded train/validation/test split by patient: no patient appears in two subsets.</summary>
public static class PatientSplitter
{
    /// <summary>
    /// Shuffles the distinct patients (sorted, then a seeded Fisher–Yates) and gives the first <paramref name="train"/>
    /// fraction of patients to training, the next <paramref name="validation"/> to validation and the rest to test.
    /// </summary>
    public static DatasetSplits Split(IReadOnlyList<string> patients, int seed, double train = 0.70, double validation = 0.15)
    {
        if (train < 0 || validation < 0 || train + validation > 1) throw new ArgumentException("fractions must be ≥ 0 and sum to ≤ 1");
        var distinct = patients.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        SeededShuffle.Shuffle(distinct, seed);
        int nTrain = (int)Math.Round(distinct.Length * train), nVal = (int)Math.Round(distinct.Length * validation);
        nVal = Math.Min(nVal, distinct.Length - nTrain);
        var subset = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < distinct.Length; i++) subset[distinct[i]] = i < nTrain ? 0 : i < nTrain + nVal ? 1 : 2;
        var lists = new[] { new List<int>(), new List<int>(), new List<int>() };
        for (int i = 0; i < patients.Count; i++) lists[subset[patients[i]]].Add(i);
        return new DatasetSplits(lists[0], lists[1], lists[2], []);
    }
}
