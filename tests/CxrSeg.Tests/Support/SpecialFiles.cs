using System.Runtime.InteropServices;

namespace CxrSeg.Tests.Support;

/// <summary>Makes named pipes for the tests that check special files are never opened.</summary>
internal static class SpecialFiles
{
    /// <summary>Creates a FIFO at <paramref name="path"/> (replacing a file there).</summary>
    public static void Fifo(string path)
    {
        if (File.Exists(path)) File.Delete(path);
        if (MkFifo(path, 0x1B6) != 0) throw new IOException($"mkfifo {path} failed");
    }

    /// <summary>Runs <paramref name="job"/> with a hang guard: a job that blocks (e.g. on a FIFO) fails the test instead of hanging the suite.</summary>
    public static T WithinMinutes<T>(Func<T> job, double minutes = 2)
    {
        var task = Task.Factory.StartNew(job, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        if (!task.Wait(TimeSpan.FromMinutes(minutes))) throw new TimeoutException("the job hung (hang guard, not a speed check)");
        return task.Result;
    }

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_MkFifo", SetLastError = true, CharSet = CharSet.Ansi)]
    private static extern int MkFifo(string path, int mode);
}
