using CxrSeg.Experiments;
using CxrSeg.Runs;

namespace CxrSeg.Reports;

/// <summary>A finished run as a report sees it: its folder name, its Table 3 labels and its test metrics.</summary>
public sealed record RunResult(string RunName, PlanLabels Labels, MetricsFile Metrics)
{
    /// <summary>The run folder (<c>WORKSPACE/runs/&lt;run&gt;</c>), when the run was read from disk.</summary>
    public string? Folder { get; init; }

    /// <summary>The final stage's best validation mIoU over its epochs (its history.csv), when the run has one.</summary>
    public double? ValidationMIoU { get; init; }

    /// <summary>What the run's pretraining roles were trained on (from its plan's datasets).</summary>
    public RoleNames Roles { get; init; } = RoleNames.Paper;
}
