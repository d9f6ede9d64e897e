
namespace CxrSeg.Runs;

/// <summary>Where a run came from, for run.json: dataset path, initialisation and transfer, stage name.</summary>
/// <param name="DatasetPath">The prepared dataset folder (empty for in-memory sets).</param>
/// <param name="DatasetHash">A content hash of the prepared set, or empty (then name, count and size stand in).</param>
/// <param name="Init">"random", "imagenet" or a run folder.</param>
/// <param name="Transfer">"encoder", "encoder+decoder" or empty.</param>
/// <param name="Stage">Stage name shown in progress and logs.</param>
public sealed record RunDescription(string DatasetPath = "", string DatasetHash = "", string Init = "random", string Transfer = "", string Stage = "train");
