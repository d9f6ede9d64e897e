namespace CxrSeg.Data.Cache;

/// <summary>
/// A dataset argument that names one prepared set or several to train on together: cache folders (or folders of
/// caches) separated by the path-list separator ':' (<c>--dataset ws/prepared/jsrt:ws/prepared/chestxdet</c>).
/// </summary>
public static class PreparedSources
{
    /// <summary>The separator between folders in one dataset argument.</summary>
    public const char Separator = ':';

    /// <summary>The folders named by <paramref name="reference"/> (one or more; empty entries are an error).</summary>
    public static IReadOnlyList<string> Split(string reference)
    {
        var parts = reference.Split(Separator).Select(p => p.Trim()).ToArray();
        if (parts.Any(p => p.Length == 0)) throw new UserFacingException($"dataset '{reference}': an empty folder between '{Separator}' separators");
        return parts;
    }

    /// <summary>Joins resolved folders into one dataset argument.</summary>
    public static string Join(IEnumerable<string> folders) => string.Join(Separator, folders);

    /// <summary>Opens one prepared set, or several combined (<see cref="CombinedPreparedSet"/>); each folder may be a cache or a folder of caches.</summary>
    public static IPreparedSet Open(string reference, int? size = null)
    {
        var folders = Split(reference);
        if (folders.Count == 1) return PreparedSet.Open(PreparedFolders.Resolve(folders[0], size));
        var parts = new List<IPreparedSet>();
        try
        {
            foreach (var f in folders) parts.Add(PreparedSet.Open(PreparedFolders.Resolve(f, size)));
            return new CombinedPreparedSet(parts);
        }
        catch
        {
            foreach (var p in parts) (p as IDisposable)?.Dispose();
            throw;
        }
    }
}
