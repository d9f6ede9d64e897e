
namespace CxrSeg.Bench;

/// <summary>Reads the machine's load and this process's memory (Linux /proc; 0 elsewhere).</summary>
public static class MachineLoad
{
    /// <summary>The 1-minute load average.</summary>
    public static double LoadAverage1()
    {
        try
        {
            var s = File.ReadAllText("/proc/loadavg").Split(' ')[0];
            return double.Parse(s, System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException) { return 0; }
        catch (UnauthorizedAccessException) { return 0; }
    }

    /// <summary>Resident set size of this process in MiB (VmRSS).</summary>
    public static double RssMiB() => ReadStatusKb("VmRSS:") / 1024.0;

    /// <summary>Peak resident set size of this process in MiB (VmHWM).</summary>
    public static double PeakRssMiB() => ReadStatusKb("VmHWM:") / 1024.0;

    /// <summary>Resets the peak resident set size (VmHWM) to the current size (Linux: /proc/self/clear_refs); false where that is not possible.</summary>
    public static bool ResetPeakRss()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return false; }
    }

    /// <summary>
    /// Fraction (0–1) of all cores kept busy while this process sleeps for <paramref name="sampleMs"/>: the load of
    /// other processes, unlike the load average, which also counts this process's own earlier work.
    /// </summary>
    public static double OtherBusyFraction(int sampleMs = 400)
    {
        if (ReadCpuTicks() is not { } a) return 0;
        Thread.Sleep(sampleMs);
        if (ReadCpuTicks() is not { } b) return 0;
        var total = b.Total - a.Total;
        return total <= 0 ? 0 : Math.Clamp((double)(b.Busy - a.Busy) / total, 0, 1);
    }

    /// <summary>A warning when another process keeps the cores busy (libtorch then slows about 5×), else null.</summary>
    public static string? BusyWarning(double otherBusyFraction) =>
        otherBusyFraction > 0.2
            ? $"another process keeps {otherBusyFraction:P0} of the cores busy: libtorch figures may be several times slower"
            : null;

    private static (long Busy, long Total)? ReadCpuTicks()
    {
        try
        {
            var f = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
                .Select(long.Parse).ToArray();
            var idle = f[3] + (f.Length > 4 ? f[4] : 0);
            var total = f.Sum();
            return (total - idle, total);
        }
        catch (IOException) { return null; }
    }

    private static double ReadStatusKb(string key)
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
                if (line.StartsWith(key, StringComparison.Ordinal))
                    return double.Parse(line[key.Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException) { }
        return 0;
    }
}
