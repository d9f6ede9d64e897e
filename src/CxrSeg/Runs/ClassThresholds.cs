using System.Text.Json.Serialization;

namespace CxrSeg.Runs;

/// <summary>One class's tuned threshold and the validation IoU it reached (null when the class could not be tuned and keeps the default).</summary>
public sealed record ClassThreshold(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("threshold")] double Threshold,
    [property: JsonPropertyName("validationIou")] double? ValidationIou);

/// <summary>
/// The per-class probability thresholds chosen on validation images (<see cref="RunFiles.Thresholds"/>), in the model's
/// class order; used by the run's test metrics and by <c>cxrseg predict</c>.
/// </summary>
/// <param name="Split">The images they were chosen on ("validation", or "out-of-fold" for k-fold).</param>
/// <param name="Images">How many images.</param>
/// <param name="Grid">The thresholds tried.</param>
/// <param name="Classes">One entry per class.</param>
public sealed record ClassThresholds(
    [property: JsonPropertyName("split")] string Split,
    [property: JsonPropertyName("images")] int Images,
    [property: JsonPropertyName("grid")] IReadOnlyList<double> Grid,
    [property: JsonPropertyName("classes")] IReadOnlyList<ClassThreshold> Classes)
{
    /// <summary>The thresholds in class order.</summary>
    [JsonIgnore]
    public IReadOnlyList<double> Values => Classes.Select(c => c.Threshold).ToArray();
}
