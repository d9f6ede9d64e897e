namespace CxrSeg.Experiments;

/// <summary>The result of running one plan: its run folder name, the outcome, the stages trained now (ids), and the error if it failed.</summary>
public sealed record RunReport(string RunName, RunOutcome Outcome, IReadOnlyList<string> TrainedStages, string? Error);
