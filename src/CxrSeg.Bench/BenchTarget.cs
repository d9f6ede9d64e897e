
namespace CxrSeg.Bench;

/// <summary>A target for a ratio: at least or at most a bound.</summary>
/// <param name="Bound">The bound.</param>
/// <param name="AtLeast">True for "≥ bound", false for "≤ bound".</param>
public sealed record BenchTarget(double Bound, bool AtLeast)
{
    /// <summary>"≥ bound".</summary>
    public static BenchTarget Min(double bound) => new(bound, true);

    /// <summary>"≤ bound".</summary>
    public static BenchTarget Max(double bound) => new(bound, false);

    /// <summary>The target as text, e.g. "≥ 0.60".</summary>
    public string Text => (AtLeast ? "≥ " : "≤ ") + Bound.ToString("0.00#", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Whether <paramref name="ratio"/> meets the target (a NaN ratio does not).</summary>
    public bool IsMet(double ratio) => !double.IsNaN(ratio) && (AtLeast ? ratio >= Bound : ratio <= Bound);

    /// <summary>A figure with its ratio, the ratio's reference, this target and whether it is met.</summary>
    public BenchFigure Figure(string name, double value, string unit, double ratio, string ratioOf) =>
        new(name, value, unit, ratio, ratioOf, Text, IsMet(ratio));
}
