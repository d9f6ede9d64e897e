using System.Runtime.InteropServices;

namespace CxrSeg.Platform;

/// <summary>
/// Lowers the CPU priority of the calling thread, so that background work such as writing prediction outputs
/// runs in the gaps that libtorch's worker threads leave instead of taking cores from them. On Linux the thread
/// gets nice 19 and then the SCHED_IDLE policy (run only when a core has nothing else to run; a thread may lower
/// itself so without privileges). .NET's <see cref="System.Threading.ThreadPriority"/> has no effect on Linux.
/// </summary>
public static class LowPriority
{
    private const int PrioProcess = 0;
    private const int SchedIdle = 5;

    [DllImport("libc", EntryPoint = "setpriority", SetLastError = true)]
    private static extern int SetPriority(int which, int who, int prio);

    [DllImport("libc", EntryPoint = "sched_setscheduler", SetLastError = true)]
    private static extern int SchedSetScheduler(int pid, int policy, ref int priority);

    [DllImport("libc", EntryPoint = "gettid")]
    private static extern int GetTid();

    [ThreadStatic]
    private static bool _lowered;

    /// <summary>Whether <see cref="TryApplyToCurrentThread"/> succeeded on this thread.</summary>
    public static bool IsCurrentThreadLowered => _lowered;

    /// <summary>Lowers the calling thread (nice 19, then SCHED_IDLE); false where the platform refuses or lacks both.</summary>
    public static bool TryApplyToCurrentThread()
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            var tid = GetTid();
            var niced = SetPriority(PrioProcess, tid, 19) == 0;
            var priority = 0;
            var idle = SchedSetScheduler(tid, SchedIdle, ref priority) == 0;
            _lowered = niced || idle;
            return _lowered;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }
}
