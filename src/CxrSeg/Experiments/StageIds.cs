using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace CxrSeg.Experiments;

/// <summary>
/// Content ids of stages and plans: a stage's id hashes its own fields and options, the dataset reference and the
/// id of the stage it starts from, so two plans whose first stages are identical share those stages' folders.
/// </summary>
public static class StageIds
{
    /// <summary>The id of every stage of the plan, in order (12 hex characters each).</summary>
    public static IReadOnlyList<string> Of(PlanSpec plan)
    {
        var ids = new List<string>(plan.Stages.Count);
        string? parent = null;
        foreach (var s in plan.Stages)
        {
            var id = Stage(s, plan.DatasetRefs[s.Dataset], parent);
            ids.Add(id);
            parent = id;
        }
        return ids;
    }

    /// <summary>The id of one stage given its dataset reference and its parent's id (null for a first stage).</summary>
    public static string Stage(StageSpec s, string datasetRef, string? parentId)
    {
        var canon = new SortedDictionary<string, object?>(StringComparer.Ordinal)
        {
            ["task"] = PlanNames.Of(s.Task),
            ["dataset"] = PlanNames.Of(s.Dataset),
            ["datasetRef"] = datasetRef,
            ["architecture"] = s.Architecture,
            ["encoder"] = s.Encoder,
            ["init"] = PlanNames.Of(s.Init),
            ["transfer"] = parentId is null && s.Init != InitKind.File ? null : PlanNames.Of(s.Transfer),
            ["seed"] = s.Seed,
            ["parent"] = parentId,
            ["options"] = new SortedDictionary<string, string>(s.Options.Where(kv => Stages.TrainOptions.PlanOption(kv.Key)?.AffectsResult != false)
                .ToDictionary(kv => kv.Key, kv => kv.Value), StringComparer.Ordinal),
        };
        return Hash(JsonSerializer.Serialize(canon));
    }

    /// <summary>The folder name of a plan's run: its readable name and the id of its last stage.</summary>
    public static string RunFolderName(PlanSpec plan) => $"{Sanitize(plan.Name)}-{Of(plan)[^1]}";

    /// <summary>First 12 hex characters of the SHA-256 of the text.</summary>
    public static string Hash(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..12];

    /// <summary>Keeps letters, digits, '-', '_' and '.'; anything else becomes '_'.</summary>
    public static string Sanitize(string name)
    {
        var sb = new StringBuilder(name.Length);
        foreach (var c in name) sb.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_');
        return sb.ToString();
    }
}
