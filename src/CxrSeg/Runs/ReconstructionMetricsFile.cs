using System.Text.Json.Serialization;
using System.Text.Json;

namespace CxrSeg.Runs;

/// <summary>A reconstruction (autoencoder) stage's <see cref="RunFiles.Metrics"/>: the mean loss.</summary>
public sealed record ReconstructionMetricsFile(
    [property: JsonPropertyName("task")] string Task,
    [property: JsonPropertyName("split")] string Split,
    [property: JsonPropertyName("reduction")] string Reduction,
    [property: JsonPropertyName("nImages")] int NImages,
    [property: JsonPropertyName("lossKind")] string LossKind,
    [property: JsonPropertyName("loss")] double Loss)
{
    /// <summary>The file of a mean reconstruction loss on <paramref name="split"/>.</summary>
    public static ReconstructionMetricsFile Of(double loss, string lossKind, int images, string split) =>
        new("reconstruct", split, $"{lossKind} averaged over pixels, then over images", images, lossKind, loss);

    /// <summary>The file's text.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, MetricsFile.Json);
}
