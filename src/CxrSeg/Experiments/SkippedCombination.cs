namespace CxrSeg.Experiments;

/// <summary>A grid combination that was not turned into a plan, and why.</summary>
public sealed record SkippedCombination(PlanLabels Labels, string Reason);
