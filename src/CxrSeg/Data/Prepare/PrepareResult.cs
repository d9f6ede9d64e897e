namespace CxrSeg.Data.Prepare;

/// <summary>What <see cref="PrepareJob.Run"/> produced.</summary>
public sealed record PrepareResult(
    string Directory, string PrepId, bool Reused, int Images, int Rejected, int Resumed,
    IReadOnlyList<string> Warnings, IReadOnlyList<(string Id, string Reason)> Rejects,
    int Train, int Validation, int Test, int Partitions, IReadOnlyDictionary<string, object> SplitFacts, TimeSpan Elapsed);
