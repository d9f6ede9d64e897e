namespace CxrSeg.Experiments;

/// <summary>
/// What an executor is asked to do: train <see cref="Stage"/> on <see cref="DatasetRef"/>, starting from the
/// finished folder <see cref="ParentFolder"/> (null for a first stage), writing everything into <see cref="OutputFolder"/>
/// (a temporary folder, renamed into place when the executor returns). A final stage
/// (<see cref="IsFinal"/>) must write <c>metrics.json</c> on the test split.
/// </summary>
public sealed record StageRequest(
    string StageId,
    StageSpec Stage,
    string DatasetRef,
    string? ParentFolder,
    string OutputFolder,
    bool IsFinal,
    string Device);
