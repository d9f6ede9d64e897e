using CxrSeg.Runs;

namespace CxrSeg.Experiments;

/// <summary>Runs a shard of a grid, plan by plan, skipping finished runs and waiting for runs other processes hold.</summary>
public static class GridRunner
{
    /// <summary>
    /// Expands the grid and runs the plans of <paramref name="shard"/>. <paramref name="onRun"/> is called after each
    /// plan with its index in the shard, the shard size and the report. A plan another live process holds is passed
    /// over, then waited for once the shard's other plans are through: it ends done (by the holder), failed (the
    /// holder's failure) or run here (the holder died and its lock went stale), so the shard returns only when each of
    /// its plans has an outcome, never <see cref="RunOutcome.Busy"/> (unless <paramref name="waitForBusy"/> is false).
    /// A Slurm task that exits 0 has therefore left every one of its plans done.
    /// </summary>
    public static GridRunSummary Run(GridSpec grid, ShardSpec shard, PlanRunner runner, ModelCapability? capability = null,
        Action<int, int, RunReport>? onRun = null, CancellationToken cancel = default, bool waitForBusy = true)
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
        if (!waitForBusy) return new GridRunSummary(reports);
        for (var k = 0; k < plans.Count; k++)
        {
            if (reports[k].Outcome != RunOutcome.Busy) continue;
            var since = DateTime.UtcNow;
            var failed = runner.Workspace.FailedFile(reports[k].RunName);
            while (reports[k].Outcome == RunOutcome.Busy)
            {
                if (cancel.WaitHandle.WaitOne(runner.WaitPoll)) cancel.ThrowIfCancellationRequested();
                if (File.Exists(failed) && File.GetLastWriteTimeUtc(failed) >= since.AddSeconds(-1))
                {
                    reports[k] = new RunReport(reports[k].RunName, RunOutcome.Failed, [], "failed in another process: " + FailureMessage(failed));
                    break;
                }
                reports[k] = runner.Run(plans[k], cancel);
            }
            onRun?.Invoke(k, plans.Count, reports[k]);
        }
        return new GridRunSummary(reports);
    }

    private static string FailureMessage(string path)
    {
        try
        {
            return System.Text.Json.JsonSerializer.Deserialize<FailureRecord>(File.ReadAllText(path))?.Error ?? path;
        }
        catch (Exception e) when (e is IOException or System.Text.Json.JsonException)
        {
            return path;
        }
    }
}
