namespace CxrSeg.Experiments;

/// <summary>
/// Shard <see cref="Index"/> of <see cref="Count"/> (1-based, "--shard 2/4"). Plans, sorted by run folder name, are dealt
/// round-robin: plan k goes to shard (k mod Count) + 1, the same on every machine.
/// </summary>
public sealed record ShardSpec(int Index, int Count)
{
    /// <summary>The whole grid.</summary>
    public static ShardSpec All { get; } = new(1, 1);

    /// <summary>Parses "i/N"; errors name the option.</summary>
    public static ShardSpec Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return All;
        var parts = text.Split('/');
        if (parts.Length != 2 || !int.TryParse(parts[0], out var i) || !int.TryParse(parts[1], out var n))
            throw new UserFacingException($"--shard: '{text}' is not of the form i/N (e.g. 1/4)");
        var s = new ShardSpec(i, n);
        s.Validate();
        return s;
    }

    /// <summary>Throws a <see cref="UserFacingException"/> naming the bad field.</summary>
    public void Validate()
    {
        if (Count < 1) throw new UserFacingException($"--shard: N must be ≥ 1 (got {Count})");
        if (Index < 1 || Index > Count) throw new UserFacingException($"--shard: i must be in 1..{Count} (got {Index})");
    }

    /// <summary>The plans of this shard, from the sorted list of all plans.</summary>
    public IReadOnlyList<PlanSpec> Select(IReadOnlyList<PlanSpec> sortedPlans) =>
        sortedPlans.Where((_, k) => k % Count == Index - 1).ToList();
}
