namespace CxrSeg.Demo;

/// <summary>What <c>cxrseg demo</c> runs and where.</summary>
public sealed record DemoOptions
{
    /// <summary>Demo workspace: phantoms, prepared caches, stages, runs, overlays and the report go under it.</summary>
    public string Workspace { get; init; } = Path.Combine("workspace", "demo");

    /// <summary>A real CCXS folder to fine-tune on instead of the CCXS phantoms (the pretraining stays on phantoms).</summary>
    public string? RealCcxs { get; init; }

    /// <summary>Sizes and training budget.</summary>
    public DemoSizes Sizes { get; init; } = DemoSizes.Standard;

    /// <summary>Phantom seed.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Stage executor name ("torch" trains; "synthetic" is the dry run used to test the machinery).</summary>
    public string Executor { get; init; } = Experiments.StageExecutors.DefaultName;

    /// <summary>cpu or cuda.</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>Throws a <see cref="UserFacingException"/> naming the bad option.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Workspace)) throw new UserFacingException("demo: --workspace must name a folder");
        if (File.Exists(Workspace)) throw new UserFacingException($"demo: --workspace {Workspace} is a file, not a folder");
        if (RealCcxs is not null)
        {
            if (!Directory.Exists(RealCcxs)) throw new UserFacingException($"demo: --real-ccxs: folder not found: {RealCcxs}");
            if (!File.Exists(Path.Combine(RealCcxs, "structure.csv")))
                throw new UserFacingException($"demo: --real-ccxs: {RealCcxs} has no structure.csv (expected the CCXS layout: structure.csv, metadata.csv, images/)");
        }
        if (Seed < 0) throw new UserFacingException($"demo: --seed must be ≥ 0 (got {Seed})");
        if (!(Device == "cpu" || Device == "cuda" || Device.StartsWith("cuda:", StringComparison.Ordinal)))
            throw new UserFacingException($"demo: --device must be cpu, cuda or cuda:N (got '{Device}')");
        Sizes.Validate();
    }
}
