using CxrSeg.Experiments;

namespace CxrSeg.Reports;

/// <summary>A finished run as a report sees it: its folder name, its Table 3 labels and its test metrics.</summary>
public sealed record RunResult(string RunName, PlanLabels Labels, MetricsFile Metrics);
