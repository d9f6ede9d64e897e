using System.Text.Json.Serialization;
using System.Text.Json;
using CxrSeg.Metrics;

namespace CxrSeg.Runs;

/// <summary>One class's result in a segmentation <c>metrics.json</c>: IoU and Dice are null when the class is n/a (see <see cref="Status"/>).</summary>
public sealed record ClassMetric(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("iou")] double? Iou,
    [property: JsonPropertyName("dice")] double? Dice,
    [property: JsonPropertyName("status")] string Status);

/// <summary>Scores at the original image resolution inside a <see cref="MetricsFile"/>.</summary>
public sealed record OriginalResolutionMetrics(
    [property: JsonPropertyName("nImages")] int NImages,
    [property: JsonPropertyName("classes")] IReadOnlyList<ClassMetric> Classes,
    [property: JsonPropertyName("mIoU")] double? MIoU,
    [property: JsonPropertyName("mDice")] double? MDice)
{
    /// <summary>The entry of segmentation scores.</summary>
    public static OriginalResolutionMetrics Of(SegmentationScores s) =>
        new(s.Images, s.Classes.Select(c => new ClassMetric(c.Name, c.Iou, c.Dice, c.Status)).ToList(), s.MeanIou, s.MeanDice);
}

/// <summary>
/// A segmentation stage's <see cref="RunFiles.Metrics"/> on the test (or validation) split: task, split, threshold,
/// reduction, nImages, the per-class entries (null + "n/a: …" status where a class is not scored) and the means; IoU
/// values are fractions in [0, 1]. Classification and reconstruction stages write <see cref="ClassificationMetricsFile"/>
/// and <see cref="ReconstructionMetricsFile"/>.
/// </summary>
public sealed record MetricsFile(
    [property: JsonPropertyName("task")] string Task,
    [property: JsonPropertyName("split")] string Split,
    [property: JsonPropertyName("threshold")] double Threshold,
    [property: JsonPropertyName("reduction")] string Reduction,
    [property: JsonPropertyName("nImages")] int NImages,
    [property: JsonPropertyName("classes")] IReadOnlyList<ClassMetric> Classes,
    [property: JsonPropertyName("mIoU")] double? MIoU,
    [property: JsonPropertyName("mDice")] double? MDice)
{
    internal static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>Out-of-fold scores (<see cref="RunFiles.CvMetrics"/>): each fold's own validation mIoU, in fold order; absent otherwise.</summary>
    [JsonPropertyName("foldMIoU")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<double?>? FoldMIoU { get; init; }

    /// <summary>
    /// The same images scored at each image's original resolution (predictions mapped back as predict does, ground truth
    /// rasterised at full size from the dataset's labels): comparable across prepared sizes. Absent when not computed.
    /// </summary>
    [JsonPropertyName("originalResolution")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public OriginalResolutionMetrics? OriginalResolution { get; init; }

    /// <summary>Per-class thresholds (class order) used instead of <see cref="Threshold"/>, when tuned on validation; absent otherwise.</summary>
    [JsonPropertyName("classThresholds")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<double>? ClassThresholds { get; init; }

    /// <summary>The file of segmentation scores on <paramref name="split"/>.</summary>
    public static MetricsFile Of(SegmentationScores s, string split) =>
        new("segment", split, s.Threshold, OverlapMath.Reduction, s.Images,
            s.Classes.Select(c => new ClassMetric(c.Name, c.Iou, c.Dice, c.Status)).ToList(), s.MeanIou, s.MeanDice);

    /// <summary>Reads a metrics file; errors name the file and the field.</summary>
    public static MetricsFile Load(string path)
    {
        MetricsFile? m;
        try
        {
            m = JsonSerializer.Deserialize<MetricsFile>(File.ReadAllText(path), Json);
        }
        catch (JsonException e)
        {
            throw new UserFacingException($"{path}: not a valid metrics file: {e.Message}", e);
        }
        if (m is null) throw new UserFacingException($"{path}: the file is empty");
        if (m.Classes is null) throw new UserFacingException($"{path}: field 'classes' is missing");
        if (m.MIoU is { } v && (double.IsNaN(v) || v < 0 || v > 1)) throw new UserFacingException($"{path}: field 'mIoU' must be in [0, 1] (got {v})");
        return m;
    }

    /// <summary>The file's text.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Writes the file atomically.</summary>
    public void Save(string path) => Platform.AtomicFile.WriteAllText(path, ToJson());
}
