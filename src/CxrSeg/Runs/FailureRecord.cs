
namespace CxrSeg.Runs;

/// <summary>What a workspace's <c>failed/&lt;run&gt;.json</c> holds: the failing stage, the error, where and when.</summary>
public sealed record FailureRecord(string Run, string? StageId, string Error, string Host, int Pid, DateTime TimeUtc);
