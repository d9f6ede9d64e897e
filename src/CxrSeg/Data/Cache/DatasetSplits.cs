namespace CxrSeg.Data.Cache;

/// <summary>
/// Index lists into a prepared set, written once (seeded) at prepare time. <see cref="Partitions"/> holds the
/// rotating partitions of the training images (CCXS: 9 of 10) for the paper's protocol, or is empty.
/// </summary>
public sealed record DatasetSplits(
    IReadOnlyList<int> Train,
    IReadOnlyList<int> Validation,
    IReadOnlyList<int> Test,
    IReadOnlyList<IReadOnlyList<int>> Partitions);
