namespace CxrSeg.Experiments;

/// <summary>What one <c>grid run</c> did: one report per plan of its shard, in order.</summary>
public sealed record GridRunSummary(IReadOnlyList<RunReport> Runs)
{
    /// <summary>Number of runs with the given outcome.</summary>
    public int Count(RunOutcome o) => Runs.Count(r => r.Outcome == o);
}
