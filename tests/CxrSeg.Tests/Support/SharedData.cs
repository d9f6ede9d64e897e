namespace CxrSeg.Tests.Support;

/// <summary>Finds the read-only shared data folder (../shared/data beside the project, or $CXRSEG_SHARED_DATA).</summary>
internal static class SharedData
{
    /// <summary>The data folder, or null when it is absent (tests then skip with a message).</summary>
    public static string? Root
    {
        get
        {
            var env = Environment.GetEnvironmentVariable("CXRSEG_SHARED_DATA");
            if (!string.IsNullOrEmpty(env)) return Directory.Exists(env) ? env : null;
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CxrSeg.sln"))) dir = dir.Parent;
            if (dir?.Parent is null) return null;
            var candidate = Path.Combine(dir.Parent.FullName, "shared", "data");
            return Directory.Exists(candidate) ? candidate : null;
        }
    }

    /// <summary>A sub-folder of the shared data, skipping the test with a clear reason when absent.</summary>
    public static string Require(string sub)
    {
        var root = Root;
        var path = root is null ? null : Path.Combine(root, sub);
        Skip.If(path is null || !Directory.Exists(path),
            $"shared data '{sub}' not found (looked for ../shared/data/{sub} beside the project, or $CXRSEG_SHARED_DATA): skipped");
        return path!;
    }
}
