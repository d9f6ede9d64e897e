using System.Text.RegularExpressions;

namespace CxrSeg.Experiments;

/// <summary>
/// What the two pretraining roles of a grid were trained on, for titles and legends: the paper's "CheXpert" (step A)
/// and "SIIM" (step B) unless the grid's datasets name other prepared sets, e.g. "NIH14+COVID-19" and "JSRT+ChestX-Det".
/// </summary>
public sealed partial record RoleNames(string StepA, string StepB)
{
    /// <summary>The paper's names.</summary>
    public static readonly RoleNames Paper = new("CheXpert", "SIIM");

    private static readonly Dictionary<string, string> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        ["chexpert"] = "CheXpert", ["siim"] = "SIIM", ["ccxs"] = "CCXS", ["nih14"] = "NIH14", ["chestxdet"] = "ChestX-Det",
        ["jsrt"] = "JSRT", ["ieee8023"] = "COVID-19", ["masks"] = "own masks",
    };

    /// <summary>Names from a plan's or grid's dataset references (role name → reference; several sets joined by ':').</summary>
    public static RoleNames FromRefs(IReadOnlyDictionary<string, string>? refs) =>
        refs is null ? Paper : new(Name(refs, "chexpert", Paper.StepA), Name(refs, "siim", Paper.StepB));

    /// <summary>Names from a grid.</summary>
    public static RoleNames Of(GridSpec grid) =>
        FromRefs(grid.DatasetRefs.ToDictionary(kv => PlanNames.Of(kv.Key), kv => kv.Value));

    /// <summary>The names shared by all <paramref name="each"/>; the paper's names when they differ or there are none.</summary>
    public static RoleNames Common(IEnumerable<RoleNames> each)
    {
        var distinct = each.Distinct().ToList();
        return distinct.Count == 1 ? distinct[0] : Paper;
    }

    private static string Name(IReadOnlyDictionary<string, string> refs, string role, string fallback)
    {
        if (!refs.TryGetValue(role, out var reference) || string.IsNullOrWhiteSpace(reference)) return fallback;
        var parts = reference.Split(':', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(SetName).Where(n => n.Length > 0).Distinct().ToList();
        return parts.Count == 0 ? fallback : string.Join("+", parts);
    }

    /// <summary>A prepared set's name from its path: the last folder, or the one above it when the last is a cache id.</summary>
    private static string SetName(string path)
    {
        var segments = path.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        var i = segments.Length - 1;
        if (i > 0 && CacheId().IsMatch(segments[i])) i--;
        if (i < 0) return "";
        return Known.TryGetValue(segments[i], out var known) ? known : segments[i];
    }

    [GeneratedRegex("^[0-9a-f]{12}$")]
    private static partial Regex CacheId();
}
