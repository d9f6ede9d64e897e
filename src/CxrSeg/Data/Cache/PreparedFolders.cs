using System.Text.Json;

namespace CxrSeg.Data.Cache;

/// <summary>
/// Resolves a reference to a prepared cache folder. A reference is either a finished cache folder itself (it holds
/// <c>manifest.json</c>), or a folder of caches such as <c>WORKSPACE/prepared/ccxs</c>, in which case the most recently
/// finished cache (newest <c>manifest.json</c>) is taken — optionally only among those of a given image size.
/// </summary>
public static class PreparedFolders
{
    /// <summary>True when <paramref name="dir"/> is a finished prepared cache.</summary>
    public static bool IsCache(string dir) => File.Exists(Path.Combine(dir, "manifest.json"));

    /// <summary>
    /// The cache folder <paramref name="dir"/> names (itself, or its latest finished cache of <paramref name="size"/>
    /// when given). Throws a <see cref="UserFacingException"/> naming the folder when there is none.
    /// </summary>
    public static string Resolve(string dir, int? size = null)
    {
        var full = Path.GetFullPath(dir);
        if (IsCache(full))
        {
            if (size is int s && SizeOf(full) is int actual && actual != s)
                throw new UserFacingException($"prepared cache {full} has image size {actual}, but {s} is asked for (prepare the dataset with --size {s} or change imageSize)");
            return full;
        }
        if (!Directory.Exists(full)) throw new UserFacingException($"prepared dataset folder not found: {full}");
        var candidates = Directory.GetDirectories(full).Where(IsCache)
            .Select(d => (Dir: d, Size: SizeOf(d), Time: File.GetLastWriteTimeUtc(Path.Combine(d, "manifest.json"))))
            .ToList();
        if (candidates.Count == 0)
            throw new UserFacingException($"{full} holds no finished prepared cache (no manifest.json in it or in its sub-folders; run `cxrseg prepare`)");
        var fit = size is int want ? candidates.Where(c => c.Size == want).ToList() : candidates;
        if (fit.Count == 0)
            throw new UserFacingException($"{full} holds no prepared cache of image size {size} (sizes there: {string.Join(", ", candidates.Select(c => c.Size).Distinct())}); run `cxrseg prepare ... --size {size}`");
        return fit.OrderByDescending(c => c.Time).ThenBy(c => c.Dir, StringComparer.Ordinal).First().Dir;
    }

    private static int? SizeOf(string cacheDir)
    {
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(cacheDir, "manifest.json")));
            foreach (var p in doc.RootElement.EnumerateObject())
                if (p.Name.Equals("size", StringComparison.OrdinalIgnoreCase) && p.Value.TryGetInt32(out var v)) return v;
            return null;
        }
        catch (JsonException) { return null; }
    }
}
