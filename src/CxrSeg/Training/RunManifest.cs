using System.Text.Json;
using System.Text.Json.Nodes;
using CxrSeg.Data.Cache;
using CxrSeg.Models;
using CxrSeg.Platform;

namespace CxrSeg.Training;

/// <summary>
/// run.json: task, model spec, class names, input size, normalisation, seed, every option, dataset
/// identity and versions. A resumed run must match the stored options (device and threads excepted).
/// </summary>
public static class RunManifest
{
    /// <summary>File name in the run folder.</summary>
    public const string FileName = "run.json";

    /// <summary>Builds the run.json content.</summary>
    public static JsonObject Build(TrainOptions options, IPreparedSet data, ModelSpec spec, RunDescription description)
    {
        var hash = description.DatasetHash.Length > 0 ? description.DatasetHash : $"{data.Name}:{data.Count}:{data.Size}";
        return new JsonObject
        {
            ["task"] = options.Task.ToString().ToLowerInvariant(),
            ["stage"] = description.Stage,
            ["modelSpec"] = JsonSerializer.SerializeToNode(spec, CheckpointStore.Json),
            ["classNames"] = new JsonArray(data.ClassNames.Select(n => (JsonNode?)JsonValue.Create(n)).ToArray()),
            ["inputSize"] = data.Size,
            ["normalisation"] = new JsonObject
            {
                ["mean"] = options.Normalisation.Mean, ["std"] = options.Normalisation.Std,
                ["scale"] = "0..1 (pixel/255), then (x - mean) / std; grey replicated to the input channels",
            },
            ["seed"] = options.Seed,
            ["init"] = description.Init,
            ["transfer"] = description.Transfer,
            ["options"] = OptionsNode(options),
            ["dataset"] = new JsonObject
            {
                ["name"] = data.Name, ["path"] = description.DatasetPath, ["hash"] = hash, ["count"] = data.Count, ["size"] = data.Size,
                ["train"] = data.Splits.Train.Count, ["validation"] = data.Splits.Validation.Count, ["test"] = data.Splits.Test.Count,
                ["partitions"] = data.Splits.Partitions.Count,
            },
            ["versions"] = new JsonObject
            {
                ["cxrseg"] = typeof(RunManifest).Assembly.GetName().Version?.ToString(),
                ["torchsharp"] = typeof(TorchSharp.torch).Assembly.GetName().Version?.ToString(),
                ["libtorch"] = TorchRuntime.LibTorchVersion,
                ["dotnet"] = Environment.Version.ToString(),
            },
            ["created"] = DateTimeOffset.UtcNow.ToString("O"),
        };
    }

    /// <summary>The options as JSON (enums as lower-case strings).</summary>
    public static JsonNode OptionsNode(TrainOptions options) => JsonSerializer.SerializeToNode(options, CheckpointStore.Json)!;

    /// <summary>
    /// Writes run.json for a new run, or checks that an existing one describes the same run (same options
    /// other than device and threads, same spec and dataset identity); throws naming the first difference.
    /// </summary>
    public static void WriteOrVerify(string runDir, TrainOptions options, IPreparedSet data, ModelSpec spec, RunDescription description)
    {
        var path = Path.Combine(runDir, FileName);
        var fresh = Build(options, data, spec, description);
        if (File.Exists(path))
        {
            JsonNode? old;
            try { old = JsonNode.Parse(File.ReadAllText(path)); }
            catch (JsonException e) { throw new UserFacingException($"{path} is not valid JSON: {e.Message}"); }
            Compare(path, "modelSpec", old?["modelSpec"], fresh["modelSpec"]);
            Compare(path, "dataset.hash", old?["dataset"]?["hash"], fresh["dataset"]!["hash"]);
            var oldOpt = old?["options"]?.AsObject();
            foreach (var (key, value) in fresh["options"]!.AsObject())
            {
                if (key is "device" or "threads") continue;
                Compare(path, "options." + key, oldOpt?[key], value);
            }
            return;
        }
        Directory.CreateDirectory(runDir);
        AtomicFile.WriteAllText(path, fresh.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    private static void Compare(string path, string field, JsonNode? a, JsonNode? b)
    {
        if (!JsonNode.DeepEquals(a, b))
            throw new UserFacingException($"{path} describes a different run ({field}: {a?.ToJsonString() ?? "missing"} there, {b?.ToJsonString() ?? "missing"} now); resume with the same options or choose a new output folder");
    }
}
