namespace CxrSeg.Experiments;

/// <summary>Runs a shard of a grid, plan by plan, skipping finished and busy runs.</summary>
public static class GridRunner
{
    /// <summary>
    /// Expands the grid and runs the plans of <paramref name="shard"/>. <paramref name="onRun"/> is called after each
    /// plan with its index in the shard, the shard size and the report.
    /// </summary>
    public static GridRunSummary Run(GridSpec grid, ShardSpec shard, PlanRunner runner, ModelCapability? capability = null,
        Action<int, int, RunReport>? onRun = null, CancellationToken cancel = default)
    {
        shard.Validate();
        runner.Workspace.CleanDeadTemp();
        var plans = shard.Select(GridExpander.Expand(grid, capability).Plans);
        var reports = new List<RunReport>(plans.Count);
        for (var k = 0; k < plans.Count; k++)
        {
            cancel.ThrowIfCancellationRequested();
            var r = runner.Run(plans[k], cancel);
            reports.Add(r);
            onRun?.Invoke(k, plans.Count, r);
        }
        return new GridRunSummary(reports);
    }
}
