using System.Text.Json.Serialization;
using System.Text.Json;
using CxrSeg.Metrics;

namespace CxrSeg.Runs;

/// <summary>One label's result in a classification <c>metrics.json</c>: AUROC is null when the label is n/a (see <see cref="Status"/>).</summary>
public sealed record LabelMetric(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("auroc")] double? Auroc,
    [property: JsonPropertyName("status")] string Status);

/// <summary>A classification stage's <see cref="RunFiles.Metrics"/>: per-label AUROC and their mean.</summary>
public sealed record ClassificationMetricsFile(
    [property: JsonPropertyName("task")] string Task,
    [property: JsonPropertyName("split")] string Split,
    [property: JsonPropertyName("threshold")] double Threshold,
    [property: JsonPropertyName("reduction")] string Reduction,
    [property: JsonPropertyName("nImages")] int NImages,
    [property: JsonPropertyName("classes")] IReadOnlyList<LabelMetric> Classes,
    [property: JsonPropertyName("meanAuroc")] double? MeanAuroc)
{
    /// <summary>The file of classification scores on <paramref name="split"/>.</summary>
    public static ClassificationMetricsFile Of(ClassificationScores s, string split, double threshold) =>
        new("classify", split, threshold, ClassificationScores.Reduction, s.Images,
            s.Labels.Select(l => new LabelMetric(l.Name, l.Auroc, l.Status)).ToList(), s.MeanAuroc);

    /// <summary>The file's text.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, MetricsFile.Json);
}
