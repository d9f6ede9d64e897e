using CxrSeg.Data.CheXpert;
using CxrSeg.Data.Siim;
using CxrSeg.Data.Splits;

namespace CxrSeg.Data.Prepare;

/// <summary>Options of <c>cxrseg prepare</c>. Every field except <see cref="Workers"/> and <see cref="Workspace"/> enters the prep-id hash.</summary>
public sealed record PrepareOptions
{
    /// <summary>The dataset kinds <c>prepare</c> reads.</summary>
    public static IReadOnlyList<string> Datasets { get; } = ["ccxs", "chexpert", "siim", "nih14", "chestxdet", "ieee8023", "jsrt", "masks"];

    /// <summary>One of <see cref="Datasets"/>.</summary>
    public required string Dataset { get; init; }
    /// <summary>Dataset folder in its original layout.</summary>
    public required string Source { get; init; }
    /// <summary>Workspace; output goes to Workspace/prepared/&lt;dataset&gt;/&lt;prep-id&gt;/.</summary>
    public required string Workspace { get; init; }
    /// <summary>Square side in pixels.</summary>
    public int Size { get; init; } = 256;
    /// <summary>Seed of the splits.</summary>
    public int Seed { get; init; } = 42;
    /// <summary>CheXpert uncertainty policy.</summary>
    public UncertaintyPolicy Uncertainty { get; init; } = UncertaintyPolicy.Paper;
    /// <summary>CheXpert and ieee8023 views kept.</summary>
    public CheXpertViewFilter Views { get; init; } = CheXpertViewFilter.Frontal;
    /// <summary>SIIM mask channels.</summary>
    public SiimMaskMode SiimMasks { get; init; } = SiimMaskMode.StudyClass;
    /// <summary>CCXS test-set variant written to splits.json (both are reported in the manifest).</summary>
    public CcxsSplitVariant CcxsSplit { get; init; } = CcxsSplitVariant.Paper;
    /// <summary>Use only the first N items (0 = all): for quick trials.</summary>
    public int Limit { get; init; }
    /// <summary>Parallel workers (default: every core).</summary>
    public int Workers { get; init; } = Environment.ProcessorCount;

    /// <summary>Throws <see cref="UserFacingException"/> naming the bad option.</summary>
    public void Validate()
    {
        if (!Datasets.Contains(Dataset)) throw new UserFacingException($"dataset must be one of {string.Join(", ", Datasets)} (got '{Dataset}')");
        if (string.IsNullOrWhiteSpace(Source)) throw new UserFacingException("--source is required");
        if (!Directory.Exists(Source)) throw new UserFacingException($"--source folder not found: {Source}");
        if (string.IsNullOrWhiteSpace(Workspace)) throw new UserFacingException("--out is required");
        if (Size is < 16 or > 4096) throw new UserFacingException($"--size must be 16–4096 (got {Size})");
        if (Limit < 0) throw new UserFacingException($"--limit must be ≥ 0 (got {Limit})");
        if (Workers < 1) throw new UserFacingException($"--workers must be ≥ 1 (got {Workers})");
    }
}
