using CxrSeg.Data.Cache;

namespace CxrSeg.Training;

/// <summary>
/// Draws a validation set from the training pool (train ∪ validation split) by patient, seeded: whole patients, in a
/// seeded order, go to validation until it holds at least the fraction of the pool's images. Used by the plain
/// protocol's <c>--val-fraction</c> (CCXS is prepared without a validation split).
/// </summary>
public static class ValidationSplitter
{
    /// <summary>The training and validation image indices (each sorted; no patient in both).</summary>
    public static (IReadOnlyList<int> Train, IReadOnlyList<int> Validation) Split(IPreparedSet data, double fraction, int seed)
    {
        var pool = data.Splits.Train.Concat(data.Splits.Validation).Distinct().ToArray();
        var groups = pool.GroupBy(data.PatientId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => g.ToArray()).ToArray();
        if (groups.Length < 2)
            throw new UserFacingException($"--val-fraction: '{data.Name}' has {groups.Length} patient(s) in its training pool; a patient-level validation split needs at least 2");
        new Random(SeedMix.Derive(seed, 11)).Shuffle(groups);
        var want = Math.Max(1, (int)Math.Round(fraction * pool.Length));
        var val = new List<int>();
        var taken = 0;
        while (taken < groups.Length - 1 && val.Count < want) val.AddRange(groups[taken++]);
        var train = groups.Skip(taken).SelectMany(g => g).Order().ToArray();
        return (train, val.Order().ToArray());
    }
}
