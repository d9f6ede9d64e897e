using System.Text;

namespace CxrSeg.Platform;

/// <summary>Finds the host's libstdc++ and tells whether it defines a given GLIBCXX symbol version.</summary>
public static class HostLibStdCxx
{
    private static readonly string[] CandidateDirs =
    [
        "/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu",
        "/lib/aarch64-linux-gnu", "/usr/lib64", "/lib64", "/usr/lib", "/lib",
    ];

    /// <summary>The libstdc++.so.6 the loader would use (LD_LIBRARY_PATH first), or null when none is found.</summary>
    public static string? Locate()
    {
        var fromEnv = (Environment.GetEnvironmentVariable("LD_LIBRARY_PATH") ?? "")
            .Split(':', StringSplitOptions.RemoveEmptyEntries);
        foreach (var dir in fromEnv.Concat(CandidateDirs))
        {
            var p = Path.Combine(dir, "libstdc++.so.6");
            if (File.Exists(p)) return p;
        }
        return null;
    }

    /// <summary>True when the library file holds the version name (e.g. GLIBCXX_3.4.32) as a defined version string.</summary>
    public static bool Defines(string libraryPath, string version)
    {
        var needle = Encoding.ASCII.GetBytes(version + "\0");
        var bytes = File.ReadAllBytes(libraryPath);
        return bytes.AsSpan().IndexOf(needle) >= 0;
    }
}
