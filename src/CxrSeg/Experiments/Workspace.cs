using CxrSeg.Runs;

namespace CxrSeg.Experiments;

/// <summary>
/// The experiment folders under a workspace: <c>stages/&lt;stage-id&gt;/</c> (finished stages, shared between plans),
/// <c>runs/&lt;run&gt;/</c> (finished plans: run.json + metrics.json), <c>locks/</c>, <c>failed/&lt;run&gt;.json</c> and
/// <c>tmp/</c> (folders being trained, renamed into place when done).
/// </summary>
public sealed class Workspace
{
    /// <summary>Opens (and creates) the folders under <paramref name="root"/>.</summary>
    public Workspace(string root)
    {
        Root = Path.GetFullPath(root);
        foreach (var d in new[] { StagesDir, RunsDir, LocksDir, FailedDir, TmpDir }) Directory.CreateDirectory(d);
    }

    /// <summary>The workspace folder.</summary>
    public string Root { get; }

    /// <summary>Finished stages.</summary>
    public string StagesDir => Path.Combine(Root, StagesFolderName);

    /// <summary>Finished runs.</summary>
    public string RunsDir => Path.Combine(Root, "runs");

    /// <summary>Lock files.</summary>
    public string LocksDir => Path.Combine(Root, "locks");

    /// <summary>Error records of failed runs.</summary>
    public string FailedDir => Path.Combine(Root, "failed");

    /// <summary>Folders in progress.</summary>
    public string TmpDir => Path.Combine(Root, "tmp");

    /// <summary>Folder of a finished stage.</summary>
    public string StageFolder(string stageId) => Path.Combine(StagesDir, stageId);

    /// <summary>The plan with its dataset references pinned to the prepared caches they mean in this workspace (<see cref="PreparedRefs.Pin"/>).</summary>
    public PlanSpec Pin(PlanSpec plan) => PreparedRefs.Pin(plan, Root);

    /// <summary>The name of the folder of finished stages under a workspace.</summary>
    public const string StagesFolderName = "stages";

    /// <summary>A stage's folder under the workspace <paramref name="root"/>, without creating anything (for readers).</summary>
    public static string StageFolderOf(string root, string stageId) => Path.Combine(root, StagesFolderName, stageId);

    /// <summary>Folder of a finished run.</summary>
    public string RunFolder(string runName) => Path.Combine(RunsDir, runName);

    /// <summary>Error file of a failed run.</summary>
    public string FailedFile(string runName) => Path.Combine(FailedDir, runName + ".json");

    /// <summary>Lock file of a run or stage key.</summary>
    public string LockFile(string key) => Path.Combine(LocksDir, key + ".lock");

    /// <summary>True when the stage folder is complete (it holds stage.json, written last before the rename).</summary>
    public bool IsStageDone(string stageId) => File.Exists(Path.Combine(StageFolder(stageId), RunFiles.StageInfo));

    /// <summary>True when the run folder is complete.</summary>
    public bool IsRunDone(string runName) => File.Exists(Path.Combine(RunFolder(runName), RunFiles.Manifest));

    /// <summary>
    /// Deletes temp folders left by processes of this host that are gone (a killed run); folders of live processes and
    /// of other hosts are left alone. Returns how many were removed.
    /// </summary>
    public int CleanDeadTemp()
    {
        var removed = 0;
        foreach (var d in Directory.GetDirectories(TmpDir))
        {
            var parts = Path.GetFileName(d).Split('.');
            if (parts.Length < 4 || parts[^3] != Environment.MachineName.Replace('.', '_') || !int.TryParse(parts[^2], out var pid)) continue;
            if (pid == Environment.ProcessId || IsRunning(pid)) continue;
            try { Directory.Delete(d, recursive: true); removed++; }
            catch (IOException) { }
        }
        return removed;
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var p = System.Diagnostics.Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (ArgumentException) { return false; }
        catch (InvalidOperationException) { return false; }
    }

    /// <summary>A fresh unique folder under tmp/ for <paramref name="name"/>.</summary>
    public string NewTempFolder(string name)
    {
        var p = Path.Combine(TmpDir, $"{name}.{Environment.MachineName.Replace('.', '_')}.{Environment.ProcessId}.{Guid.NewGuid():N}");
        Directory.CreateDirectory(p);
        return p;
    }
}
