using System.Globalization;
using CxrSeg.Data.Cache;

namespace CxrSeg.Experiments;

/// <summary>
/// Dataset references of plans (<c>prepared/ccxs</c>, a cache folder, several joined by ':'), located in a workspace and
/// pinned to the prepared cache they mean now, so that a stage id names the preparation (its prep-id folder) it trains
/// on: preparing again with other options gives new stage ids instead of silently reusing stages of the old cache.
/// </summary>
public static class PreparedRefs
{
    /// <summary>Where a reference is looked for: as given when absolute; else against the workspace, then <c>WORKSPACE/prepared/</c>, then the current folder.</summary>
    public static IReadOnlyList<string> Candidates(string workspaceRoot, string reference) =>
        Path.IsPathRooted(reference)
            ? [reference]
            : [Path.Combine(workspaceRoot, reference), Path.Combine(workspaceRoot, "prepared", reference), Path.GetFullPath(reference)];

    /// <summary>The first existing candidate folder of a reference, or null.</summary>
    public static string? Locate(string workspaceRoot, string reference) => Candidates(workspaceRoot, reference).FirstOrDefault(Directory.Exists);

    /// <summary>
    /// The plan with each dataset reference replaced by the cache folder(s) it resolves to now (relative to the workspace
    /// when inside it; the cache of the image size its stages ask for). A reference that does not resolve is kept as
    /// written (the executor reports it when the stage runs).
    /// </summary>
    public static PlanSpec Pin(PlanSpec plan, string workspaceRoot)
    {
        var root = Path.GetFullPath(workspaceRoot);
        var refs = plan.DatasetRefs.ToDictionary(kv => kv.Key,
            kv => PreparedSources.Join(PreparedSources.Split(kv.Value).Select(part => PinOne(root, part, ImageSize(plan, kv.Key)))));
        return plan with { DatasetRefs = refs };
    }

    private static string PinOne(string root, string reference, int? size)
    {
        if (string.IsNullOrWhiteSpace(reference) || Locate(root, reference) is not { } dir) return reference;
        string cache;
        try { cache = PreparedFolders.Resolve(dir, size); }
        catch (UserFacingException) { return reference; }
        var relative = Path.GetRelativePath(root, cache);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? cache : relative.Replace(Path.DirectorySeparatorChar, '/');
    }

    /// <summary>The image size the plan's first stage on <paramref name="kind"/> asks for (option imageSize), or null.</summary>
    private static int? ImageSize(PlanSpec plan, DatasetKind kind)
    {
        var stage = plan.Stages.FirstOrDefault(s => s.Dataset == kind);
        var value = stage?.Options.FirstOrDefault(o => o.Key.Equals("imageSize", StringComparison.OrdinalIgnoreCase)).Value;
        return int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var size) ? size : null;
    }
}
