using CxrSeg.Models;

namespace CxrSeg.Bench.Measurements;

/// <summary>What <see cref="PredictBenchmark"/> measures.</summary>
public sealed record PredictBenchmarkOptions
{
    /// <summary>The network (random weights) when no model is passed in.</summary>
    public ModelSpec Spec { get; init; } = new("unet", "resnet18", 1, 13);

    /// <summary>Square model input size.</summary>
    public int InputSize { get; init; } = 128;

    /// <summary>Number of input images per measurement.</summary>
    public int Images { get; init; } = 8;

    /// <summary>Batch size of the batched measurement (the single one uses 1).</summary>
    public int BatchSize { get; init; } = 4;

    /// <summary>Width of the generated PNG inputs.</summary>
    public int ImageWidth { get; init; } = 1024;

    /// <summary>Height of the generated PNG inputs.</summary>
    public int ImageHeight { get; init; } = 1024;

    /// <summary>Measurements per figure; the median is reported.</summary>
    public int Repeat { get; init; } = 1;

    /// <summary>"cpu" or "cuda".</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>Throws a <see cref="UserFacingException"/> naming the bad field; returns this.</summary>
    public PredictBenchmarkOptions Validate()
    {
        if (InputSize < 32) throw new UserFacingException($"predict benchmark: InputSize must be ≥ 32 (got {InputSize})");
        if (Images < 1) throw new UserFacingException($"predict benchmark: Images must be ≥ 1 (got {Images})");
        if (BatchSize < 1) throw new UserFacingException($"predict benchmark: BatchSize must be ≥ 1 (got {BatchSize})");
        if (ImageWidth < 1 || ImageHeight < 1) throw new UserFacingException($"predict benchmark: image size {ImageWidth}x{ImageHeight} is not positive");
        if (Repeat < 1) throw new UserFacingException($"predict benchmark: Repeat must be ≥ 1 (got {Repeat})");
        return this;
    }
}
