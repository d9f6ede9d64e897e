using System.Reflection;
using System.Runtime.InteropServices;

namespace CxrSeg.Platform;

/// <summary>
/// Loads GDCM's C# bindings (Debian package <c>libgdcm-cil</c>) and their native glue, and silences GDCM's
/// stderr warnings. Call <see cref="Initialize"/> before any <c>gdcm.*</c> type is touched.
/// </summary>
public static class GdcmRuntime
{
    /// <summary>The exact command that installs what this needs.</summary>
    public const string InstallHint = "apt-get update && apt-get install -y libgdcm-cil   (as root; prefix with sudo otherwise)";

    private const string GlueName = "libgdcmsharpglue.so";
    private static readonly string[] GlueDirs = ["/usr/lib/cli/gdcm-sharp-3.0"];
    private static readonly object Gate = new();
    private static bool _initialized;

    /// <summary>Resolves the glue library, switches warnings off and returns GDCM's version string.</summary>
    /// <exception cref="GdcmMissingException">When the bindings or the glue are not installed.</exception>
    public static string Initialize()
    {
        lock (Gate)
        {
            Assembly asm;
            try { asm = Assembly.Load("gdcm-sharp"); }
            catch (Exception e) when (e is FileNotFoundException or FileLoadException)
            {
                throw new GdcmMissingException($"GDCM's C# bindings (gdcm-sharp.dll) are missing. Install them with: {InstallHint}");
            }
            if (!_initialized)
            {
                NativeLibrary.SetDllImportResolver(asm, Resolve);
                _initialized = true;
            }
            try
            {
                SilenceWarnings();
                return Version();
            }
            catch (DllNotFoundException e)
            {
                throw new GdcmMissingException($"GDCM's native glue ({GlueName}) could not be loaded ({e.Message}). Install it with: {InstallHint}");
            }
        }
    }

    private static void SilenceWarnings()
    {
        gdcm.Trace.WarningOff();
        gdcm.Trace.DebugOff();
        gdcm.Trace.ErrorOff();
    }

    private static string Version() => gdcm.Version.GetVersion();

    private static IntPtr Resolve(string name, Assembly asm, DllImportSearchPath? path)
    {
        if (!name.Contains("gdcmsharpglue", StringComparison.Ordinal)) return IntPtr.Zero;
        foreach (var dir in new[] { AppContext.BaseDirectory }.Concat(GlueDirs))
        {
            var candidate = Path.Combine(dir, GlueName);
            if (File.Exists(candidate) && NativeLibrary.TryLoad(candidate, out var handle)) return handle;
        }
        return IntPtr.Zero;
    }
}
