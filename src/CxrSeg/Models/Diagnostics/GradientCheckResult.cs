namespace CxrSeg.Models.Diagnostics;

/// <summary>
/// The outcome of a gradient check: how many of the repeated float32 backward passes had a non-finite gradient or
/// differed from the first pass, and how far the first pass is from a float64 computation of the same gradients.
/// </summary>
public sealed record GradientCheckResult(
    ModelSpec Spec,
    int Size,
    int Batch,
    int Passes,
    int NonFinite,
    int Differing,
    double MaxRepeatDifference,
    double ReferenceError,
    double ReferenceTolerance,
    double SecondsPerPass,
    string Backend)
{
    /// <summary>Passes that were not finite or differed.</summary>
    public int Bad => NonFinite + Differing;

    /// <summary>True when every pass repeated the first and the first agrees with float64.</summary>
    public bool Sound => Bad == 0 && double.IsFinite(ReferenceError) && ReferenceError <= ReferenceTolerance;

    /// <summary>One line for logs and tables.</summary>
    public string Summary =>
        FormattableString.Invariant($"{Spec.Architecture}-{Spec.Encoder} {Size}² ×{Batch}: {Bad} of {Passes} passes bad ({NonFinite} not finite, {Differing} differing; largest change {MaxRepeatDifference:0.0e+0}), ") +
        FormattableString.Invariant($"float32 vs float64 {ReferenceError:0.0e+0} (limit {ReferenceTolerance:0.0e+0}), {SecondsPerPass:0.000} s/pass, {Backend}: {(Sound ? "sound" : "NOT SOUND")}");
}
