using System.Runtime.InteropServices;

namespace CxrSeg.Platform;

/// <summary>
/// Keeps memory that libtorch (and GDCM) free inside the process instead of returning it to the kernel, through
/// glibc's <c>mallopt</c>: no <c>mmap</c> for large blocks (<c>M_MMAP_MAX</c> = 0) and no trimming of the heap top
/// below 2 GiB (<c>M_TRIM_THRESHOLD</c>). libtorch allocates every activation, gradient and batch tensor afresh; with
/// glibc's defaults each block over 32 MiB is a new mapping whose pages fault in on first touch. On this project's
/// reference VMs a page fault costs about 20 µs (a fresh 54 MiB block: 300 ms to fill, a reused one: 5 ms), which made
/// a batch conversion take 0.5–1 s and a large share of every train step. Set <c>CXRSEG_MALLOC=default</c> to keep
/// glibc's defaults.
/// </summary>
public static class MallocTuning
{
    private const int MTrimThreshold = -1;
    private const int MMmapMax = -4;
    private const int MArenaMax = -8;

    [DllImport("libc", EntryPoint = "mallopt")]
    private static extern int MallOpt(int param, int value);

    /// <summary>What was decided, for doctor, run.json and bench reports.</summary>
    public static string Status { get; private set; } = "not applied";

    /// <summary>Applies the tuning (Linux with glibc only). Safe to call more than once.</summary>
    public static void Apply()
    {
        if (!OperatingSystem.IsLinux())
        {
            Status = "default (not Linux)";
            return;
        }
        if (string.Equals(Environment.GetEnvironmentVariable("CXRSEG_MALLOC"), "default", StringComparison.OrdinalIgnoreCase))
        {
            Status = "default (CXRSEG_MALLOC=default)";
            return;
        }
        try
        {
            var ok = MallOpt(MArenaMax, 1) == 1 & MallOpt(MMmapMax, 0) == 1 & MallOpt(MTrimThreshold, int.MaxValue) == 1;
            Status = ok ? "freed memory kept (no mmap, no trim; CXRSEG_MALLOC=default restores glibc's defaults)" : "default (mallopt refused)";
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            Status = "default (no glibc mallopt)";
        }
    }
}
