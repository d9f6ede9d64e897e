using CxrSeg.Models.Weights;
using CxrSeg.Platform;
using CxrSeg.Runs;
using CxrSeg.Stages;

namespace CxrSeg.Experiments;

/// <summary>
/// Runs one plan in a workspace: each stage is reused if a finished folder with its id exists, otherwise it is
/// claimed with a lock, trained into tmp/ and renamed into stages/&lt;id&gt;/; the run folder (run.json + metrics.json) is
/// written the same way. Safe to run from many processes on a shared folder.
/// </summary>
public sealed class PlanRunner(Workspace workspace, IStageExecutor executor, string device = "cpu", LockPolicy? policy = null)
{
    private readonly LockPolicy _policy = policy ?? LockPolicy.Default;

    /// <summary>The workspace runs are written to.</summary>
    public Workspace Workspace => workspace;

    /// <summary>Called with a line of progress (stage started, reused, finished).</summary>
    public Action<string>? Log { get; init; }

    /// <summary>Receives each stage's progress (start, messages, epochs, end); none by default.</summary>
    public IStageObserver Observer { get; init; } = StageObserver.None;

    /// <summary>How often a stage locked by another process is polled.</summary>
    public TimeSpan WaitPoll { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Runs the plan (its dataset references pinned to their caches, <see cref="Workspace.Pin"/>) unless it is done or another process holds it.</summary>
    public RunReport Run(PlanSpec plan, CancellationToken cancel = default)
    {
        plan.Validate();
        plan = workspace.Pin(plan);
        var ids = StageIds.Of(plan);
        var runName = StageIds.RunFolderName(plan);
        if (workspace.IsRunDone(runName)) return new RunReport(runName, RunOutcome.AlreadyDone, [], null);
        using var runLock = FileLock.TryAcquire(workspace.LockFile("run-" + runName), _policy);
        if (runLock is null) return new RunReport(runName, RunOutcome.Busy, [], null);
        if (workspace.IsRunDone(runName)) return new RunReport(runName, RunOutcome.AlreadyDone, [], null);

        var trained = new List<string>();
        string? current = null;
        try
        {
            for (var i = 0; i < plan.Stages.Count; i++)
            {
                current = ids[i];
                if (EnsureStage(plan, i, ids, cancel)) trained.Add(ids[i]);
            }
            current = null;
            WriteRun(plan, runName, ids);
            if (File.Exists(workspace.FailedFile(runName))) File.Delete(workspace.FailedFile(runName));
            Log?.Invoke($"{runName}: done");
            return new RunReport(runName, RunOutcome.Done, trained, null);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception e)
        {
            var msg = e is UserFacingException ? e.Message : $"{e.GetType().Name}: {e.Message}";
            PlanRunFiles.WriteFailure(workspace.FailedFile(runName), new FailureRecord(runName, current, msg, Environment.MachineName, Environment.ProcessId, DateTime.UtcNow));
            Log?.Invoke($"{runName}: FAILED at stage {current}: {msg}");
            return new RunReport(runName, RunOutcome.Failed, trained, msg);
        }
    }

    /// <summary>Makes sure stage <paramref name="i"/> is finished; true when it was trained by this call.</summary>
    private bool EnsureStage(PlanSpec plan, int i, IReadOnlyList<string> ids, CancellationToken cancel)
    {
        var id = ids[i];
        var stage = plan.Stages[i];
        while (true)
        {
            cancel.ThrowIfCancellationRequested();
            if (workspace.IsStageDone(id))
            {
                Log?.Invoke($"{plan.Name}: stage {i} {stage.ShortName} ({id}) reused");
                return false;
            }
            using var lk = FileLock.TryAcquire(workspace.LockFile("stage-" + id), _policy);
            if (lk is null)
            {
                // Another process trains this shared stage: wait for it.
                Thread.Sleep(WaitPoll);
                continue;
            }
            if (workspace.IsStageDone(id)) continue;
            Log?.Invoke($"{plan.Name}: stage {i} {stage.ShortName} ({id}) training");
            var tmp = workspace.NewTempFolder(id);
            try
            {
                var parent = i == 0 ? null : workspace.StageFolder(ids[i - 1]);
                var req = new StageRequest(id, stage, plan.DatasetRefs[stage.Dataset], parent, tmp, i == plan.Stages.Count - 1, device);
                Observer.OnStageStarted(req);
                executor.Execute(req, Observer, cancel);
                Observer.OnStageFinished(req);
                if (req.IsFinal && !File.Exists(Path.Combine(tmp, RunFiles.Metrics)))
                    throw new InvalidOperationException($"stage {id}: the executor wrote no metrics.json for the final stage");
                PlanRunFiles.WriteStage(Path.Combine(tmp, RunFiles.StageInfo),
                    new StageInfo(stage.ToRecord(id), i == 0 ? null : ids[i - 1], req.DatasetRef, Environment.MachineName, DateTime.UtcNow));
                Publish(tmp, workspace.StageFolder(id));
            }
            finally
            {
                if (Directory.Exists(tmp)) Directory.Delete(tmp, recursive: true);
            }
            Log?.Invoke($"{plan.Name}: stage {i} {stage.ShortName} ({id}) finished");
            return true;
        }
    }

    private void WriteRun(PlanSpec plan, string runName, IReadOnlyList<string> ids)
    {
        var tmp = workspace.NewTempFolder(runName);
        try
        {
            var finalFolder = workspace.StageFolder(ids[^1]);
            File.Copy(Path.Combine(finalFolder, RunFiles.Metrics), Path.Combine(tmp, RunFiles.Metrics));
            foreach (var cv in new[] { RunFiles.CvMetrics, RunFiles.CvMetricsThresholds })
                if (File.Exists(Path.Combine(finalFolder, cv)))
                    File.Copy(Path.Combine(finalFolder, cv), Path.Combine(tmp, cv));
            var labels = plan.Labels ?? InferLabels(plan);
            var rec = new PlanRunRecord(runName, plan.Name, labels?.ToRecord(),
                plan.Stages.Select((s, k) => s.ToRecord(ids[k])).ToList(),
                plan.DatasetRefs.ToDictionary(kv => PlanNames.Of(kv.Key), kv => kv.Value),
                DateTime.UtcNow,
                Path.Combine(Workspace.StagesFolderName, ids[^1]));
            PlanRunFiles.WriteRun(Path.Combine(tmp, RunFiles.Manifest), rec);
            Publish(tmp, workspace.RunFolder(runName));
        }
        finally
        {
            if (Directory.Exists(tmp)) Directory.Delete(tmp, recursive: true);
        }
    }

    /// <summary>Renames a finished temp folder into place; if the target appeared meanwhile, ours is dropped.</summary>
    private static void Publish(string tmp, string target)
    {
        try
        {
            Directory.Move(tmp, target);
        }
        catch (IOException) when (Directory.Exists(target))
        {
            // An identical result was published by someone else (e.g. after a lock was wrongly judged stale).
        }
    }

    /// <summary>Table 3 labels of a hand-written plan, read off its stage chain (repeat 0).</summary>
    public static PlanLabels? InferLabels(PlanSpec plan)
    {
        var last = plan.Stages[^1];
        if (last.Dataset != DatasetKind.Ccxs) return null;
        var hasChx = plan.Stages.Any(s => s.Dataset == DatasetKind.CheXpert);
        var hasSiim = plan.Stages.Any(s => s.Dataset == DatasetKind.Siim);
        var strategy = hasChx && hasSiim ? Strategy.TwoStep : hasChx ? Strategy.CheXpert : hasSiim ? Strategy.Siim : Strategy.None;
        var pretext = plan.Stages[0].Task switch
        {
            TrainTask.Classify => Pretext.Classifier,
            TrainTask.Reconstruct => Pretext.Autoencoder,
            _ => Pretext.None,
        };
        TransferMode? transfer = plan.Stages.Count == 1 ? null : last.Transfer;
        return new PlanLabels(last.Architecture, last.Encoder, strategy, pretext, plan.Stages[0].Init, transfer, 0);
    }
}
