namespace CxrSeg.Platform;

/// <summary>
/// The CPU families on which oneDNN's full instruction set was checked (gradient checks of the real networks sound,
/// no crash; docs/BENCH.md): there libtorch's convolutions run uncapped by default, at the PyTorch peer's speed.
/// Elsewhere oneDNN stays capped to AVX, because its AVX2/AVX-512 kernels gave NaN gradients and a SIGFPE on an
/// earlier machine of the same offering whose CPU model was not recorded.
/// </summary>
public static class CheckedCpu
{
    /// <summary>Vendor and family, as /proc/cpuinfo gives them.</summary>
    public sealed record Identity(string Vendor, int Family);

    /// <summary>(vendor, family) → name, for the status line.</summary>
    private static readonly Dictionary<(string, int), string> Checked = new()
    {
        [("AuthenticAMD", 26)] = "AMD family 26 (Zen 5)",
    };

    /// <summary>This machine's vendor and family; null when /proc/cpuinfo is missing or unreadable.</summary>
    public static Identity? Current()
    {
        try
        {
            return File.Exists("/proc/cpuinfo") ? Parse(File.ReadLines("/proc/cpuinfo").Take(64)) : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Reads vendor_id and cpu family from the first processor's lines.</summary>
    public static Identity? Parse(IEnumerable<string> lines)
    {
        string? vendor = null;
        int? family = null;
        foreach (var line in lines)
        {
            var colon = line.IndexOf(':');
            if (colon < 0) continue;
            var key = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (key == "vendor_id") vendor ??= value;
            else if (key == "cpu family" && int.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var f)) family ??= f;
            if (vendor is not null && family is not null) return new Identity(vendor, family.Value);
        }
        return null;
    }

    /// <summary>The checked family's name, or null when <paramref name="cpu"/> is not one of them.</summary>
    public static string? IsChecked(Identity? cpu) =>
        cpu is not null && Checked.TryGetValue((cpu.Vendor, cpu.Family), out var name) ? name : null;
}
