using System.Text.Json;
using CxrSeg.Platform;
using CxrSeg.Runs;

namespace CxrSeg.Experiments;

/// <summary>Reads the state of every plan of a grid from a workspace (nothing is changed).</summary>
public static class GridStatus
{
    /// <summary>One status per plan, in plan order; <paramref name="shards"/> is used only to show each plan's shard.</summary>
    public static IReadOnlyList<PlanStatus> Read(GridSpec grid, Workspace ws, int shards = 1, ModelCapability? capability = null, LockPolicy? policy = null)
    {
        policy ??= LockPolicy.Default;
        var plans = GridExpander.Expand(grid, capability).Plans;
        var list = new List<PlanStatus>(plans.Count);
        for (var k = 0; k < plans.Count; k++)
        {
            var name = StageIds.RunFolderName(ws.Pin(plans[k]));
            var shard = k % Math.Max(1, shards) + 1;
            if (ws.IsRunDone(name)) { list.Add(new PlanStatus(name, shard, RunState.Done, null)); continue; }
            var lk = FileLock.Inspect(ws.LockFile("run-" + name), policy);
            if (lk.Exists && !lk.Stale)
            {
                list.Add(new PlanStatus(name, shard, RunState.Running, lk.Holder is { } h ? $"{h.Host} pid {h.Pid} since {h.TakenUtc:u}" : null));
                continue;
            }
            var failed = ws.FailedFile(name);
            if (File.Exists(failed))
            {
                string reason;
                try
                {
                    var rec = JsonSerializer.Deserialize<FailureRecord>(File.ReadAllText(failed));
                    reason = rec is null ? "(no reason)" : $"{(rec.StageId is null ? "" : $"stage {rec.StageId}: ")}{rec.Error} ({rec.Host}, {rec.TimeUtc:u})";
                }
                catch (JsonException) { reason = "(unreadable error file)"; }
                list.Add(new PlanStatus(name, shard, RunState.Failed, reason));
                continue;
            }
            list.Add(new PlanStatus(name, shard, RunState.Pending, lk.Exists ? "stale lock (holder died); will be reclaimed" : null));
        }
        return list;
    }
}
