namespace CxrSeg.Experiments;

/// <summary>One plan's state for <c>grid status</c>: its run name, shard, state, and detail (failure reason or lock holder).</summary>
public sealed record PlanStatus(string RunName, int Shard, RunState State, string? Detail);
