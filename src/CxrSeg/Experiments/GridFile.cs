using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace CxrSeg.Experiments;

/// <summary>Reads a grid YAML file (see docs/EXPERIMENTS.md for the format).</summary>
public static class GridFile
{
    /// <summary>Loads and validates a grid; errors name the file and the field.</summary>
    public static GridSpec Load(string path)
    {
        if (!File.Exists(path)) throw new UserFacingException($"grid file not found: {path}");
        Dto dto;
        try
        {
            var des = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build();
            dto = des.Deserialize<Dto>(File.ReadAllText(path)) ?? throw new UserFacingException($"{path}: the file is empty");
        }
        catch (YamlException e)
        {
            throw YamlErrors.Describe(path, e);
        }
        try
        {
            var grid = new GridSpec(
                dto.Name ?? Path.GetFileNameWithoutExtension(path),
                ParseDatasets(dto.Datasets),
                Strings(dto.Options),
                (dto.StageOptions ?? []).ToDictionary(kv => PlanNames.ParseDataset(kv.Key, "stageOptions"), kv => (IReadOnlyDictionary<string, string>)Strings(kv.Value)),
                (dto.Architectures ?? []).Select(a => a.Trim().ToLowerInvariant()).ToList(),
                (dto.Encoders ?? []).Select(a => a.Trim()).ToList(),
                (dto.Strategies ?? []).Select(s => PlanNames.ParseStrategy(s, "strategies")).ToList(),
                (dto.Inits ?? []).Select(s => PlanNames.ParseInit(s, "inits")).ToList(),
                (dto.Transfers ?? ["encoder"]).Select(s => PlanNames.ParseTransfer(s, "transfers")).ToList(),
                dto.Repeats ?? 1,
                dto.Seed ?? 0,
                dto.SharedPretraining ?? true,
                dto.Variants?.ToDictionary(kv => kv.Key, kv => (IReadOnlyDictionary<string, string>)Strings(kv.Value), StringComparer.Ordinal));
            grid.Validate();
            return grid;
        }
        catch (UserFacingException e)
        {
            throw new UserFacingException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>
    /// The <c>datasets</c> map: role → one prepared-set reference, or a list of them (trained on together), kept as one
    /// reference joined by <see cref="Data.Cache.PreparedSources.Separator"/>.
    /// </summary>
    internal static Dictionary<DatasetKind, string> ParseDatasets(Dictionary<string, object?>? d) =>
        (d ?? []).ToDictionary(kv => PlanNames.ParseDataset(kv.Key, "datasets"), kv => kv.Value switch
        {
            null => "",
            string one => one,
            System.Text.Json.JsonElement { ValueKind: System.Text.Json.JsonValueKind.String } one => one.GetString() ?? "",
            System.Text.Json.JsonElement { ValueKind: System.Text.Json.JsonValueKind.Array } many when many.EnumerateArray().All(e => e.ValueKind == System.Text.Json.JsonValueKind.String) =>
                Data.Cache.PreparedSources.Join(many.EnumerateArray().Select(e => e.GetString() ?? "")),
            IEnumerable<object?> many => Data.Cache.PreparedSources.Join(many.Select(m => m?.ToString() ?? "")),
            _ => throw new UserFacingException($"datasets.{kv.Key}: expected a prepared folder or a list of them"),
        });

    internal static Dictionary<string, string> Strings(Dictionary<string, object?>? d) =>
        (d ?? []).ToDictionary(kv => kv.Key, kv => kv.Value?.ToString() ?? "", StringComparer.Ordinal);

    private sealed class Dto
    {
        public string? Name { get; set; }
        public Dictionary<string, object?>? Datasets { get; set; }
        public Dictionary<string, object?>? Options { get; set; }
        public Dictionary<string, Dictionary<string, object?>>? StageOptions { get; set; }
        public List<string>? Architectures { get; set; }
        public List<string>? Encoders { get; set; }
        public List<string>? Strategies { get; set; }
        public List<string>? Inits { get; set; }
        public List<string>? Transfers { get; set; }
        public int? Repeats { get; set; }
        public int? Seed { get; set; }
        public bool? SharedPretraining { get; set; }
        public Dictionary<string, Dictionary<string, object?>?>? Variants { get; set; }
    }
}
