using CxrSeg.Models;

namespace CxrSeg.Bench.Measurements;

/// <summary>One pairing's measured train step.</summary>
/// <param name="Spec">The network measured.</param>
/// <param name="Size">Input size.</param>
/// <param name="Batch">Batch size.</param>
/// <param name="Parameters">Trainable parameters.</param>
/// <param name="SecondsPerStep">Median seconds of forward + backward + Adam step.</param>
/// <param name="ImagesPerSecond">Batch / SecondsPerStep.</param>
/// <param name="ForwardMacsPerImage">Conv + linear multiply-accumulates of one image's forward pass.</param>
/// <param name="FlopsPerStep">Estimated FLOPs of a train step: 3 × 2 × forward MACs × batch (backward ≈ 2 × forward).</param>
/// <param name="Gflops">Achieved GFLOP/s: FlopsPerStep / SecondsPerStep / 1e9.</param>
public sealed record TrainStepResult(
    ModelSpec Spec,
    int Size,
    int Batch,
    long Parameters,
    double SecondsPerStep,
    double ImagesPerSecond,
    long ForwardMacsPerImage,
    double FlopsPerStep,
    double Gflops)
{
    /// <summary>Achieved rate as a fraction of a reference rate (e.g. the same run's matmul GFLOP/s).</summary>
    public double FractionOf(double referenceGflops) => referenceGflops > 0 ? Gflops / referenceGflops : double.NaN;
}
