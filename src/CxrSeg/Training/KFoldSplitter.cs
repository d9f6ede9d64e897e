using CxrSeg.Data.Cache;

namespace CxrSeg.Training;

/// <summary>Splits the training pool (train ∪ validation) into k folds by patient, seeded: whole patients are dealt to the least-filled fold.</summary>
public static class KFoldSplitter
{
    /// <summary>The folds (image indices), each sorted.</summary>
    public static IReadOnlyList<IReadOnlyList<int>> Split(IPreparedSet data, int k, int seed)
    {
        var pool = data.Splits.Train.Concat(data.Splits.Validation).Distinct().ToArray();
        if (pool.Length < k) throw new UserFacingException($"k-fold with {k} folds needs at least {k} training images; '{data.Name}' has {pool.Length}");
        var groups = pool.GroupBy(data.PatientId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => g.ToArray()).ToArray();
        new Random(SeedMix.Derive(seed, 5)).Shuffle(groups);
        var folds = Enumerable.Range(0, k).Select(_ => new List<int>()).ToArray();
        foreach (var g in groups) folds.OrderBy(f => f.Count).First().AddRange(g);
        if (folds.Any(f => f.Count == 0)) throw new UserFacingException($"k-fold with {k} folds: too few patients in '{data.Name}' to fill every fold");
        return folds.Select(f => (IReadOnlyList<int>)f.Order().ToArray()).ToArray();
    }
}
