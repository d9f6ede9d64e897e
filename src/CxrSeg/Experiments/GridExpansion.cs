namespace CxrSeg.Experiments;

/// <summary>The plans a grid expands to (sorted by run folder name), and the combinations it skipped with their reasons.</summary>
public sealed record GridExpansion(IReadOnlyList<PlanSpec> Plans, IReadOnlyList<SkippedCombination> Skipped);
