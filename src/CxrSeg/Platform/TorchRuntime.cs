using System.Runtime.InteropServices;

namespace CxrSeg.Platform;

/// <summary>
/// Makes TorchSharp's native library loadable on hosts whose libstdc++ is older than the one it was built
/// against (Debian 12), then loads it. Call <see cref="Initialize"/> before any <c>torch.*</c> call.
/// </summary>
public static class TorchRuntime
{
    /// <summary>The one symbol version libLibTorchSharp.so needs beyond Debian 12's libstdc++.</summary>
    public const string RequiredVersion = "GLIBCXX_3.4.32";

    private static readonly object Gate = new();
    private static bool _initialized;

    /// <summary>What <see cref="Initialize"/> found and did, for <c>doctor</c> and logs.</summary>
    public static string FixStatus { get; private set; } = "not initialised";

    /// <summary>Whether the native fix was applied to a file during this process.</summary>
    public static bool FixAppliedNow { get; private set; }

    /// <summary>Applies the fix where needed (printing one line when it patches), then loads libtorch.</summary>
    public static void Initialize(Action<string>? log = null)
    {
        lock (Gate)
        {
            if (_initialized) return;
            log ??= Console.Error.WriteLine;
            if (OperatingSystem.IsLinux()) PatchIfNeeded(AppContext.BaseDirectory, log);
            OneDnnIsa.Apply();
            MallocTuning.Apply();
            TorchSharp.torch.InitializeDeviceType(TorchSharp.DeviceType.CPU);
            ConvolutionBackend.Apply();
            _initialized = true;
        }
    }

    /// <summary>
    /// Patches every project-output copy of libLibTorchSharp.so under <paramref name="baseDir"/> when the
    /// host lacks <see cref="RequiredVersion"/>. Never touches the NuGet package cache.
    /// </summary>
    public static void PatchIfNeeded(string baseDir, Action<string> log)
    {
        var libstdcxx = HostLibStdCxx.Locate();
        var hostHas = libstdcxx is not null && HostLibStdCxx.Defines(libstdcxx, RequiredVersion);
        if (hostHas)
        {
            FixStatus = $"not needed (host libstdc++ has {RequiredVersion})";
            return;
        }
        var results = new List<string>();
        foreach (var lib in OutputCopies(baseDir))
        {
            var outcome = PatchFile(lib, hostHasVersion: false);
            if (outcome == ElfPatchOutcome.Patched)
            {
                FixAppliedNow = true;
                log($"cxrseg: marked {RequiredVersion} weak in {Path.GetRelativePath(baseDir, lib)} (host libstdc++ lacks it; see README 'Native fix')");
            }
            results.Add(outcome?.ToString() ?? "skipped");
        }
        FixStatus = results.Count == 0
            ? "needed, but no libLibTorchSharp.so found in the output"
            : $"applied ({RequiredVersion} weak; " + string.Join(", ", results.Distinct()) + ")";
    }

    /// <summary>Patches one file when the host lacks the version; does nothing when it has it.</summary>
    public static ElfPatchOutcome? PatchFile(string path, bool hostHasVersion)
    {
        if (hostHasVersion) return null;
        if (IsInNuGetCache(path)) throw new InvalidOperationException($"refusing to patch a package-cache file: {path}");
        return ElfVersionPatcher.MakeVersionWeak(path, RequiredVersion);
    }

    private static IEnumerable<string> OutputCopies(string baseDir)
    {
        string[] rel = ["runtimes/linux-x64/native/libLibTorchSharp.so", "libLibTorchSharp.so", "cpu/libLibTorchSharp.so"];
        foreach (var r in rel)
        {
            var p = Path.Combine(baseDir, r);
            if (File.Exists(p) && !IsInNuGetCache(p)) yield return p;
        }
    }

    private static bool IsInNuGetCache(string path)
    {
        var full = Path.GetFullPath(path);
        var home = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                   ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        return full.StartsWith(Path.GetFullPath(home), StringComparison.Ordinal)
               || full.StartsWith("/opt/nuget/packages", StringComparison.Ordinal);
    }

    /// <summary>The libtorch version compiled into TorchSharp (e.g. 2.10.0).</summary>
    public static string LibTorchVersion => TorchSharp.torch.__version__;

    /// <summary>Whether this process runs on Linux x64 with native libraries loaded.</summary>
    public static bool IsLoaded => _initialized && RuntimeInformation.OSArchitecture == Architecture.X64;
}
