namespace CxrSeg.Models.Diagnostics;

/// <summary>What <see cref="GradientCheck"/> runs: one network at one input size, repeated backward passes.</summary>
public sealed record GradientCheckOptions
{
    /// <summary>The network (the real architecture and encoder, 1 input channel).</summary>
    public ModelSpec Spec { get; init; } = new("unet", "resnet18");

    /// <summary>Side of the square input.</summary>
    public int Size { get; init; } = 64;

    /// <summary>Images per pass.</summary>
    public int Batch { get; init; } = 2;

    /// <summary>Backward passes compared with the first one.</summary>
    public int Passes { get; init; } = 30;

    /// <summary>Seed of the weights and the data.</summary>
    public int Seed { get; init; }

    /// <summary>"cpu" or "cuda".</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>
    /// Before every pass, fill and free this many MiB of native memory with NaN, so that memory a kernel reads without
    /// writing it first (uninitialised) holds NaN instead of the zeros of fresh pages or old finite values. 0: off.
    /// </summary>
    public int PoisonMiB { get; init; }

    /// <summary>A pass differs when its largest gradient change exceeds this share of the largest first-pass gradient.</summary>
    public double RepeatTolerance { get; init; } = 1e-3;

    /// <summary>The float32 gradients are wrong when they differ from float64 ones by more than this share of the largest.</summary>
    public double ReferenceTolerance { get; init; } = 5e-3;

    /// <summary>Throws an <see cref="ArgumentException"/> naming the bad field.</summary>
    public void Validate()
    {
        Spec.Validate();
        if (Size < 32 || Size % 32 != 0) throw new ArgumentException($"gradient check: size must be a multiple of 32, at least 32 (got {Size})");
        if (Batch < 2) throw new ArgumentException($"gradient check: batch must be at least 2 (BatchNorm needs two values per channel; got {Batch})");
        if (PoisonMiB < 0) throw new ArgumentException($"gradient check: poison must be ≥ 0 MiB (got {PoisonMiB})");
        if (Passes < 1) throw new ArgumentException($"gradient check: passes must be at least 1 (got {Passes})");
    }
}
