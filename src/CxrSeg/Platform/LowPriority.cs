using System.Runtime.InteropServices;

namespace CxrSeg.Platform;

/// <summary>
/// Lowers the CPU priority of the calling thread (Linux: its nice value, through <c>setpriority</c> on the thread id),
/// so that background work such as writing prediction outputs runs in the gaps that libtorch's worker threads leave
/// instead of taking cores from them. .NET's <see cref="System.Threading.ThreadPriority"/> has no effect on Linux.
/// </summary>
public static class LowPriority
{
    private const int PrioProcess = 0;

    [DllImport("libc", EntryPoint = "setpriority", SetLastError = true)]
    private static extern int SetPriority(int which, int who, int prio);

    [DllImport("libc", EntryPoint = "gettid")]
    private static extern int GetTid();

    [ThreadStatic]
    private static bool _lowered;

    /// <summary>Whether <see cref="TryApplyToCurrentThread"/> succeeded on this thread.</summary>
    public static bool IsCurrentThreadLowered => _lowered;

    /// <summary>Sets the calling thread's nice value (0–19, higher yields more); false where the platform refuses or lacks it.</summary>
    public static bool TryApplyToCurrentThread(int nice = 19)
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            _lowered = SetPriority(PrioProcess, GetTid(), Math.Clamp(nice, 0, 19)) == 0;
            return _lowered;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }
}
