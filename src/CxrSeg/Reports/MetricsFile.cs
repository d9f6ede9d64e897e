using System.Text.Json;
using System.Text.Json.Serialization;

namespace CxrSeg.Reports;

/// <summary>One class's result in <c>metrics.json</c>: IoU and Dice are null when the class is n/a (see <see cref="Status"/>).</summary>
public sealed record ClassMetric(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("iou")] double? Iou,
    [property: JsonPropertyName("dice")] double? Dice,
    [property: JsonPropertyName("status")] string Status);

/// <summary>The <c>metrics.json</c> a final (CCXS) stage writes on the test split; IoU values are fractions in [0, 1].</summary>
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
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

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

    /// <summary>Writes the file atomically.</summary>
    public void Save(string path) => Platform.AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, Json));
}
