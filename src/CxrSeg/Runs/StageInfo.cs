using System.Text.Json.Serialization;

namespace CxrSeg.Runs;

/// <summary>
/// A finished stage folder's <see cref="RunFiles.StageInfo"/>, written last (its presence marks the stage done): the
/// stage, its parent stage's id, the dataset reference, the host and when it finished.
/// </summary>
public sealed record StageInfo(
    [property: JsonPropertyName("stage")] StageRecord Stage,
    [property: JsonPropertyName("parent")] string? Parent,
    [property: JsonPropertyName("datasetRef")] string DatasetRef,
    [property: JsonPropertyName("host")] string Host,
    [property: JsonPropertyName("finishedUtc")] DateTime FinishedUtc);
