using CxrSeg.Data.Cache;

namespace CxrSeg.Data.Splits;

/// <summary>
/// The paper's CCXS protocol: a seeded 10-image test set in which every class except the excluded one (Pneumothorax)
/// has a drawn mask in at least one test image, images holding the excluded class staying in training; the other
/// images are split into rotating partitions of 10 (9 for 100 images). Validation is left empty: the protocol takes
/// validation folds from <see cref="DatasetSplits.Partitions"/>. With fewer than 20 images the test set is half of them;
/// classes that no allowed test set can cover (e.g. whole patients kept in training) are reported, not fatal.
/// </summary>
public static class CcxsSplitter
{
    /// <summary>Makes the split. <paramref name="present"/>[i][c] = 1 when image i has a drawn mask of class c.</summary>
    public static CcxsSplitResult Split(IReadOnlyList<byte[]> present, IReadOnlyList<string> patients, int seed,
        CcxsSplitVariant variant, int excludedClass = 7, int testSize = 10, int partitionSize = 10)
    {
        int n = present.Count;
        if (n < 2) throw new UserFacingException($"a CCXS split needs at least 2 images, got {n}");
        testSize = Math.Min(testSize, n / 2);
        int classes = present[0].Length;
        var mustCover = Enumerable.Range(0, classes).Where(c => c != excludedClass && present.Any(p => p[c] != 0)).ToHashSet();
        // Units: single images (paper) or whole patients (patient-disjoint).
        var units = variant == CcxsSplitVariant.Paper
            ? Enumerable.Range(0, n).Select(i => new[] { i }).ToArray()
            : Enumerable.Range(0, n).GroupBy(i => patients[i], StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => g.ToArray()).ToArray();
        units = units.Where(u => u.All(i => present[i][excludedClass] == 0)).ToArray();
        SeededShuffle.Shuffle(units, seed);
        var test = new List<int>();
        var covered = new HashSet<int>();
        var used = new bool[units.Length];
        while (covered.Count < mustCover.Count)
        {
            int best = -1, bestGain = 0;
            for (int u = 0; u < units.Length; u++)
            {
                if (used[u] || test.Count + units[u].Length > testSize) continue;
                int gain = units[u].SelectMany(i => Enumerable.Range(0, classes).Where(c => present[i][c] != 0)).Distinct().Count(c => mustCover.Contains(c) && !covered.Contains(c));
                if (gain > bestGain) { best = u; bestGain = gain; }
            }
            if (best < 0) break; // the rest cannot be covered (reported in UncoveredClasses)
            used[best] = true;
            test.AddRange(units[best]);
            foreach (var i in units[best]) for (int c = 0; c < classes; c++) if (present[i][c] != 0) covered.Add(c);
        }
        for (int u = 0; u < units.Length && test.Count < testSize; u++)
        {
            if (used[u] || test.Count + units[u].Length > testSize) continue;
            used[u] = true;
            test.AddRange(units[u]);
        }
        var testSet = test.ToHashSet();
        var train = Enumerable.Range(0, n).Where(i => !testSet.Contains(i)).ToArray();
        var shuffled = train.ToArray();
        SeededShuffle.Shuffle(shuffled, seed + 1);
        var partitions = shuffled.Chunk(partitionSize).Select(p => (IReadOnlyList<int>)p.Order().ToArray()).ToArray();
        var trainPatients = train.Select(i => patients[i]).ToHashSet(StringComparer.Ordinal);
        int sharing = test.Count(i => trainPatients.Contains(patients[i]));
        test.Sort();
        var uncovered = mustCover.Where(c => !covered.Contains(c)).Order().ToArray();
        return new CcxsSplitResult(variant, new DatasetSplits(train, [], test, partitions), sharing, uncovered);
    }
}
