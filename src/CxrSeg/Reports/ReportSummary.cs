namespace CxrSeg.Reports;

/// <summary>What a report contains: the runs read, Table 3, the per-class table, the files written and notes on what was left out.</summary>
public sealed record ReportSummary(IReadOnlyList<RunResult> Runs, Table3 Table, ClassTable Classes, IReadOnlyList<string> Files, IReadOnlyList<string> Notes)
{
    /// <summary>Each pretraining strategy against none, on test and validation (the report's "Pretraining against none").</summary>
    public VersusNone VersusNone { get; init; } = new([]);
}
