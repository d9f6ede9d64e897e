using System.Globalization;

namespace CxrSeg.Stages;

/// <summary>
/// The parsed form of <see cref="TrainOptions.ClassWeights"/>: no weights (every class 1), <c>auto</c> (computed from the
/// training images' pixel frequencies) or one explicit weight per class.
/// </summary>
/// <param name="Auto">Weights computed from the training images.</param>
/// <param name="Explicit">The weights given, one per class, or null.</param>
public sealed record ClassWeightSpec(bool Auto, IReadOnlyList<double>? Explicit)
{
    /// <summary>The keyword that asks for computed weights.</summary>
    public const string AutoKeyword = "auto";

    /// <summary>True when the loss is unweighted.</summary>
    public bool IsNone => !Auto && Explicit is null;

    /// <summary>Parses the option's text; throws a <see cref="UserFacingException"/> naming the class weights on bad input.</summary>
    public static ClassWeightSpec Parse(string text)
    {
        var t = text.Trim();
        if (t.Length == 0) return new ClassWeightSpec(false, null);
        if (t.Equals(AutoKeyword, StringComparison.OrdinalIgnoreCase)) return new ClassWeightSpec(true, null);
        var parts = t.Split(',', StringSplitOptions.TrimEntries);
        var weights = new double[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out var w) || !double.IsFinite(w) || w < 0)
                throw new UserFacingException($"class weights: '{parts[i]}' is not a number ≥ 0 (give auto, or one weight per class separated by commas)");
            weights[i] = w;
        }
        if (weights.All(w => w == 0)) throw new UserFacingException("class weights: at least one weight must be above 0");
        return new ClassWeightSpec(false, weights);
    }

    /// <summary>The explicit weights checked against the class count; throws naming the class weights when the counts differ.</summary>
    public IReadOnlyList<double> ForClasses(int classes)
    {
        if (Explicit is null) throw new InvalidOperationException("no explicit weights");
        if (Explicit.Count != classes)
            throw new UserFacingException($"class weights: {Explicit.Count} weights given but the dataset has {classes} classes");
        return Explicit;
    }
}
