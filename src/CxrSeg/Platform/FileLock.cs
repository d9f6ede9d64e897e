using System.Diagnostics;
using System.Text.Json;

namespace CxrSeg.Platform;

/// <summary>
/// An exclusive claim on a run or stage held by a lock file created with <see cref="FileMode.CreateNew"/>
/// (O_CREAT|O_EXCL, atomic also on NFS v3+). The file holds host, pid and time; a heartbeat keeps it fresh; a stale
/// lock (dead holder) is broken by renaming it away, which only one contender can do.
/// </summary>
public sealed class FileLock : IDisposable
{
    private readonly Timer _heartbeat;
    private bool _disposed;

    private FileLock(string path, LockInfo info, LockPolicy policy)
    {
        Path = path;
        Info = info;
        _heartbeat = new Timer(_ => Touch(), null, policy.Heartbeat, policy.Heartbeat);
    }

    /// <summary>The lock file.</summary>
    public string Path { get; }

    /// <summary>What this lock wrote.</summary>
    public LockInfo Info { get; }

    /// <summary>Takes the lock, breaking a stale one; null when a live holder has it.</summary>
    public static FileLock? TryAcquire(string path, LockPolicy policy, string? job = null)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var info = new LockInfo(Environment.MachineName, Environment.ProcessId, ProcessStartUtc(Environment.ProcessId) ?? DateTime.UtcNow,
                DateTime.UtcNow, Guid.NewGuid().ToString("N"), job);
            try
            {
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
                // FileShare.ReadWrite: no advisory flock, so readers (status, contenders) never get "file in use".
                using (var fs = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete))
                {
                    JsonSerializer.Serialize(fs, info);
                    fs.Flush(true);
                }
                return new FileLock(path, info, policy);
            }
            catch (IOException) when (File.Exists(path))
            {
                var state = Inspect(path, policy);
                if (!state.Stale) return null;
                BreakStale(path, state.Holder);
            }
            catch (IOException)
            {
                // The file vanished between CreateNew and Exists: try again.
            }
        }
        return null;
    }

    /// <summary>Reads a lock file's state: whether it exists, its holder, and whether it is stale.</summary>
    public static LockState Inspect(string path, LockPolicy policy)
    {
        LockInfo? holder = null;
        DateTime touched;
        try
        {
            touched = File.GetLastWriteTimeUtc(path);
            if (!File.Exists(path)) return new LockState(false, false, null);
            holder = JsonSerializer.Deserialize<LockInfo>(File.ReadAllText(path));
        }
        catch (FileNotFoundException) { return new LockState(false, false, null); }
        catch (IOException)
        {
            // Being written or replaced right now: it exists and is fresh.
            return new LockState(true, false, null);
        }
        catch (JsonException)
        {
            // A half-written lock: judge by age only.
            touched = File.Exists(path) ? File.GetLastWriteTimeUtc(path) : DateTime.MinValue;
        }
        if (holder is not null && holder.Host == Environment.MachineName && !IsAlive(holder))
            return new LockState(true, true, holder);
        var stale = DateTime.UtcNow - touched > policy.StaleAfter;
        return new LockState(true, stale, holder);
    }

    private static void BreakStale(string path, LockInfo? seen)
    {
        var aside = path + $".stale.{Environment.ProcessId}.{Guid.NewGuid():N}";
        try
        {
            File.Move(path, aside);
        }
        catch (IOException) { return; } // someone else broke it first
        try
        {
            var moved = JsonSerializer.Deserialize<LockInfo>(File.ReadAllText(aside));
            if (seen is not null && moved is not null && moved.Token != seen.Token)
            {
                // We moved a fresh lock that replaced the stale one in the meantime: put it back.
                try { File.Move(aside, path, overwrite: false); } catch (IOException) { }
                return;
            }
        }
        catch (JsonException) { }
        catch (IOException) { }
        try { File.Delete(aside); } catch (IOException) { }
    }

    private static bool IsAlive(LockInfo holder)
    {
        var start = ProcessStartUtc(holder.Pid);
        if (start is null) return false;
        return Math.Abs((start.Value - holder.ProcessStartUtc).TotalSeconds) < 2;
    }

    private static DateTime? ProcessStartUtc(int pid)
    {
        try
        {
            using var p = Process.GetProcessById(pid);
            if (p.HasExited) return null;
            return p.StartTime.ToUniversalTime();
        }
        catch (ArgumentException) { return null; }
        catch (InvalidOperationException) { return null; }
        catch (System.ComponentModel.Win32Exception) { return null; }
    }

    private void Touch()
    {
        try { File.SetLastWriteTimeUtc(Path, DateTime.UtcNow); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    /// <summary>Stops the heartbeat and deletes the lock file if it is still ours.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _heartbeat.Dispose();
        try
        {
            var cur = JsonSerializer.Deserialize<LockInfo>(File.ReadAllText(Path));
            if (cur?.Token == Info.Token) File.Delete(Path);
        }
        catch (IOException) { }
        catch (JsonException) { }
    }
}
