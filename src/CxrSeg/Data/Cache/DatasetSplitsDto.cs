namespace CxrSeg.Data.Cache;

/// <summary>splits.json as stored (plain arrays).</summary>
public sealed record DatasetSplitsDto(int[] Train, int[] Validation, int[] Test, int[][] Partitions)
{
    /// <summary>The contract type.</summary>
    public DatasetSplits ToSplits() => new(Train, Validation, Test, Partitions.Select(p => (IReadOnlyList<int>)p).ToArray());
}
