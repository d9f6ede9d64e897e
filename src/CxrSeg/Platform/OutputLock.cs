using System.Globalization;

namespace CxrSeg.Platform;

/// <summary>
/// Every long job (predict, prepare) holds a lock on its output folder while it writes: the file
/// <c>.cxrseg.lock</c> in that folder, created exclusively, holding host, pid, start time and the job. A second job on
/// the same folder is refused with a message naming the holder. A lock whose process is gone (same host) is broken
/// automatically; one not refreshed for 10 minutes (another host) is taken as stale. The lock is deleted when the job
/// ends, however it ends short of a kill.
/// </summary>
public static class OutputLock
{
    /// <summary>The lock file's name inside the output folder.</summary>
    public const string FileName = ".cxrseg.lock";

    /// <summary>Creates <paramref name="folder"/> if needed and locks it for <paramref name="job"/>; throws <see cref="UserFacingException"/> naming the holder when another job has it.</summary>
    public static IDisposable Acquire(string folder, string job)
    {
        if (File.Exists(folder)) throw new UserFacingException($"output folder {folder} is a file: name a folder");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, FileName);
        var held = FileLock.TryAcquire(path, LockPolicy.Default, job);
        if (held is not null) return held;
        var holder = FileLock.Inspect(path, LockPolicy.Default).Holder;
        var who = holder is null
            ? "another cxrseg job"
            : $"{holder.Job ?? "another cxrseg job"} (host {holder.Host}, pid {holder.Pid}, since {holder.TakenUtc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC)";
        throw new UserFacingException($"output folder {folder} is in use by {who}: wait for it to finish or choose another output folder (a lock left by a process that died is broken automatically; {path})");
    }
}
