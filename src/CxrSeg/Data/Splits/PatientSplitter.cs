using CxrSeg.Data.Cache;

namespace CxrSeg.Data.Splits;

/// <summary>Seeded train/validation/test split by patient: no patient appears in two subsets.</summary>
public static class PatientSplitter
{
    /// <summary>
    /// Shuffles the distinct patients (sorted, or in item order, then a seeded Fisher–Yates) and gives the first <paramref name="train"/>
    /// fraction of patients to training, the next <paramref name="validation"/> to validation and the rest to test.
    /// </summary>
    /// <param name="patients">Patient id per item.</param>
    /// <param name="seed">Shuffle seed.</param>
    /// <param name="train">Fraction of patients for training.</param>
    /// <param name="validation">Fraction of patients for validation.</param>
    /// <param name="inItemOrder">
    /// Order the distinct patients by their first item instead of by id before shuffling: for ids that are keyed
    /// pseudonyms (SIIM), whose sort order changes with the workspace's key, so the split would too.
    /// </param>
    public static DatasetSplits Split(IReadOnlyList<string> patients, int seed, double train = 0.70, double validation = 0.15, bool inItemOrder = false)
    {
        if (train < 0 || validation < 0 || train + validation > 1) throw new ArgumentException("fractions must be ≥ 0 and sum to ≤ 1");
        var distinct = inItemOrder
            ? patients.Distinct(StringComparer.Ordinal).ToArray()
            : patients.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
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
