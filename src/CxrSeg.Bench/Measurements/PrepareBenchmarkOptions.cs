
namespace CxrSeg.Bench.Measurements;

/// <summary>Options of <see cref="PrepareBenchmark.Run"/>.</summary>
public sealed record PrepareBenchmarkOptions
{
    /// <summary>Synthetic files per format.</summary>
    public int Images { get; init; } = 32;
    /// <summary>Side of the synthetic source images.</summary>
    public int SourceSize { get; init; } = 1024;
    /// <summary>Cache size.</summary>
    public int Size { get; init; } = 256;
    /// <summary>Parallel workers.</summary>
    public int Workers { get; init; } = Environment.ProcessorCount;
    /// <summary>Batch size for cache → batch.</summary>
    public int BatchSize { get; init; } = 16;
    /// <summary>Scratch folder (deleted afterwards); default: a new temp folder.</summary>
    public string? Scratch { get; init; }

    /// <summary>Throws <see cref="UserFacingException"/> naming the bad field.</summary>
    public void Validate()
    {
        if (Images < 1) throw new UserFacingException($"Images must be ≥ 1 (got {Images})");
        if (SourceSize < 16) throw new UserFacingException($"SourceSize must be ≥ 16 (got {SourceSize})");
        if (Size < 16) throw new UserFacingException($"Size must be ≥ 16 (got {Size})");
        if (Workers < 1) throw new UserFacingException($"Workers must be ≥ 1 (got {Workers})");
        if (BatchSize < 1) throw new UserFacingException($"BatchSize must be ≥ 1 (got {BatchSize})");
    }
}
