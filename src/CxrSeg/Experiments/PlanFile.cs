using System.Text.Json;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace CxrSeg.Experiments;

/// <summary>Reads a plan file (.yaml/.yml with YamlDotNet, .json with System.Text.Json; same fields, see docs/EXPERIMENTS.md).</summary>
public static class PlanFile
{
    /// <summary>Loads and validates a plan; errors name the file and the field.</summary>
    public static PlanSpec Load(string path)
    {
        if (!File.Exists(path)) throw new UserFacingException($"plan file not found: {path}");
        var text = File.ReadAllText(path);
        Dto dto;
        try
        {
            dto = Path.GetExtension(path).Equals(".json", StringComparison.OrdinalIgnoreCase)
                ? JsonSerializer.Deserialize<Dto>(text, new JsonSerializerOptions { PropertyNameCaseInsensitive = true, ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })
                  ?? throw new UserFacingException($"{path}: the file is empty")
                : new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build().Deserialize<Dto>(text)
                  ?? throw new UserFacingException($"{path}: the file is empty");
        }
        catch (YamlException e)
        {
            throw YamlErrors.Describe(path, e);
        }
        catch (JsonException e)
        {
            throw new UserFacingException($"{path}: line {(e.LineNumber ?? 0) + 1}: {e.Message}", e);
        }
        try
        {
            var common = GridFile.Strings(dto.Options);
            var stages = new List<StageSpec>();
            var list = dto.Stages ?? [];
            for (var i = 0; i < list.Count; i++)
            {
                var s = list[i];
                var f = $"stages[{i}]";
                var opts = new Dictionary<string, string>(common, StringComparer.Ordinal);
                foreach (var kv in GridFile.Strings(s.Options)) opts[kv.Key] = kv.Value;
                stages.Add(new StageSpec(
                    PlanNames.ParseTask(s.Task, f + ".task"),
                    PlanNames.ParseDataset(s.Dataset, f + ".dataset"),
                    (s.Architecture ?? "").Trim().ToLowerInvariant(),
                    (s.Encoder ?? "").Trim(),
                    PlanNames.ParseInit(s.Init ?? (i == 0 ? "random" : "previous"), f + ".init"),
                    PlanNames.ParseTransfer(s.Transfer ?? "encoder", f + ".transfer"),
                    s.Seed ?? 0,
                    opts));
            }
            var plan = new PlanSpec(dto.Name ?? Path.GetFileNameWithoutExtension(path), stages, GridFile.ParseDatasets(dto.Datasets));
            plan.Validate();
            return plan;
        }
        catch (UserFacingException e)
        {
            throw new UserFacingException($"{path}: {e.Message}", e);
        }
    }

    private sealed class Dto
    {
        public string? Name { get; set; }
        public Dictionary<string, object?>? Datasets { get; set; }
        public Dictionary<string, object?>? Options { get; set; }
        public List<StageDto>? Stages { get; set; }
    }

    private sealed class StageDto
    {
        public string? Task { get; set; }
        public string? Dataset { get; set; }
        public string? Architecture { get; set; }
        public string? Encoder { get; set; }
        public string? Init { get; set; }
        public string? Transfer { get; set; }
        public int? Seed { get; set; }
        public Dictionary<string, object?>? Options { get; set; }
    }
}
