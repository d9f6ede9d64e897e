using CxrSeg.Models;

namespace CxrSeg.Bench.Measurements;

/// <summary>Options of <see cref="TrainStepBenchmark"/>.</summary>
/// <param name="Size">Square input size in pixels (multiple of 32).</param>
/// <param name="Batch">Images per step (≥ 2: BatchNorm needs more than one value per channel).</param>
/// <param name="Steps">Timed steps (the median is reported).</param>
/// <param name="Warmup">Untimed steps first.</param>
/// <param name="Device">"cpu" or "cuda".</param>
/// <param name="Seed">Seed for weights and inputs.</param>
public sealed record TrainStepOptions(int Size = 256, int Batch = 8, int Steps = 3, int Warmup = 1, string Device = "cpu", int Seed = 0)
{
    /// <summary>Throws an <see cref="ArgumentException"/> naming the bad field.</summary>
    public void Validate()
    {
        if (Size < 32 || Size % 32 != 0) throw new ArgumentException($"TrainStepOptions.Size must be a positive multiple of 32 (got {Size})");
        if (Batch < 2) throw new ArgumentException($"TrainStepOptions.Batch must be ≥ 2 (got {Batch})");
        if (Steps < 1) throw new ArgumentException($"TrainStepOptions.Steps must be ≥ 1 (got {Steps})");
        if (Warmup < 0) throw new ArgumentException($"TrainStepOptions.Warmup must be ≥ 0 (got {Warmup})");
        if (Device is not ("cpu" or "cuda") && !Device.StartsWith("cuda:", StringComparison.Ordinal))
            throw new ArgumentException($"TrainStepOptions.Device must be cpu or cuda (got {Device})");
    }
}
