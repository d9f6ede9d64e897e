namespace CxrSeg.Data.Cache;

/// <summary>
/// Checks a prepared cache's JSON files before anything indexes with them, so that a damaged or hand-edited cache
/// gives "prepared cache X is damaged: FILE: field F ..." instead of an IndexOutOfRange or a silently wrong split.
/// </summary>
public static class CacheCheck
{
    /// <summary>The error for a damaged field.</summary>
    public static UserFacingException Damaged(string dir, string file, string field, string what) =>
        new($"prepared cache {dir} is damaged: {file}: field '{field}' {what} (delete the folder and prepare again)");

    /// <summary>Checks manifest.json.</summary>
    public static void Manifest(string dir, CacheManifest m)
    {
        if (m.Count < 1) throw Damaged(dir, "manifest.json", "count", $"is {m.Count}");
        if (m.Size < 8 || m.Size > 8192) throw Damaged(dir, "manifest.json", "size", $"is {m.Size}, outside 8..8192");
        if (!Enum.TryParse<TargetKind>(m.Target, ignoreCase: false, out _) || !Enum.IsDefined(Enum.Parse<TargetKind>(m.Target)))
            throw Damaged(dir, "manifest.json", "target", $"is '{m.Target}', expected {string.Join(" or ", Enum.GetNames<TargetKind>())}");
        if (m.ClassNames is null || m.ClassNames.Length == 0) throw Damaged(dir, "manifest.json", "classNames", "is empty");
        var dup = m.ClassNames.GroupBy(c => c, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null) throw Damaged(dir, "manifest.json", "classNames", $"lists '{dup.Key}' {dup.Count()} times");
    }

    /// <summary>Checks splits.json: every index in range, none twice in a split, and train / validation / test disjoint.</summary>
    public static void Splits(string dir, DatasetSplitsDto s, int count)
    {
        if (s.Train is null || s.Validation is null || s.Test is null || s.Partitions is null)
            throw Damaged(dir, "splits.json", "train/validation/test/partitions", "is missing");
        var owner = new Dictionary<int, string>();
        foreach (var (name, list) in new[] { ("train", s.Train), ("validation", s.Validation), ("test", s.Test) })
            foreach (var i in list)
            {
                if (i < 0 || i >= count) throw Damaged(dir, "splits.json", name, $"holds index {i}, outside 0..{count - 1}");
                if (!owner.TryAdd(i, name)) throw Damaged(dir, "splits.json", name, $"holds index {i}, already in {owner[i]} (splits must not overlap)");
            }
        for (int p = 0; p < s.Partitions.Length; p++)
        {
            if (s.Partitions[p] is null) throw Damaged(dir, "splits.json", $"partitions[{p}]", "is null");
            foreach (var i in s.Partitions[p])
                if (i < 0 || i >= count) throw Damaged(dir, "splits.json", $"partitions[{p}]", $"holds index {i}, outside 0..{count - 1}");
        }
    }
}
