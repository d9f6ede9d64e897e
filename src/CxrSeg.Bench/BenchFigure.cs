
namespace CxrSeg.Bench;

/// <summary>One measured figure: a name, a value with its unit, and optionally its ratio to a same-run reference and a target.</summary>
/// <param name="Name">What was measured (e.g. "unet-resnet50 s/step").</param>
/// <param name="Value">The median over repeats.</param>
/// <param name="Unit">Unit of <paramref name="Value"/>.</param>
/// <param name="Ratio">Value relative to the stated reference, when meaningful.</param>
/// <param name="RatioOf">What the ratio is relative to (e.g. "gemm GFLOP/s").</param>
/// <param name="Target">The target for the ratio, as text (e.g. "≥ 0.60").</param>
/// <param name="Met">Whether the target is met (null without a target).</param>
public sealed record BenchFigure(string Name, double Value, string Unit, double? Ratio = null, string? RatioOf = null,
    string? Target = null, bool? Met = null);
