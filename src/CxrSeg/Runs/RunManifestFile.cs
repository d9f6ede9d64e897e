using System.Text.Json.Nodes;
using System.Text.Json;
using CxrSeg.Data.Cache;
using CxrSeg.Data.Transforms;
using CxrSeg.Models;
using CxrSeg.Platform;
using CxrSeg.Stages;

namespace CxrSeg.Runs;

/// <summary>
/// Reads and writes a training run's <see cref="RunManifest"/> (<see cref="RunFiles.Manifest"/>). A resumed run must
/// match the stored options (device and threads excepted), model spec and dataset identity.
/// </summary>
public static class RunManifestFile
{
    /// <summary>The manifest of a new run.</summary>
    public static RunManifest Build(TrainOptions options, IPreparedSet data, ModelSpec spec, RunDescription description)
    {
        var hash = description.DatasetHash.Length > 0 ? description.DatasetHash : $"{data.Name}:{data.Count}:{data.Size}";
        return new RunManifest
        {
            Task = options.Task.Name(),
            Stage = description.Stage,
            ModelSpec = spec,
            ClassNames = data.ClassNames.ToList(),
            InputSize = data.Size,
            Normalisation = new ManifestNormalisation(options.Normalisation.Mean, options.Normalisation.Std),
            Seed = options.Seed,
            Init = description.Init,
            Transfer = description.Transfer,
            Options = options,
            Dataset = new ManifestDataset(data.Name, description.DatasetPath, hash, data.Count, data.Size,
                data.Splits.Train.Count, data.Splits.Validation.Count, data.Splits.Test.Count, data.Splits.Partitions.Count),
            Versions = new ManifestVersions(typeof(RunManifest).Assembly.GetName().Version?.ToString(),
                typeof(TorchSharp.torch).Assembly.GetName().Version?.ToString(), TorchRuntime.LibTorchVersion, Environment.Version.ToString()),
            Created = DateTimeOffset.UtcNow.ToString("O"),
        };
    }

    /// <summary>
    /// Writes run.json for a new run, or checks that an existing one describes the same run (same options other than
    /// device, threads and those that do not change the result, same spec and dataset identity); throws naming the first difference.
    /// </summary>
    public static void WriteOrVerify(string runDir, TrainOptions options, IPreparedSet data, ModelSpec spec, RunDescription description)
    {
        var path = Path.Combine(runDir, RunFiles.Manifest);
        var fresh = JsonSerializer.SerializeToNode(Build(options, data, spec, description), RunJson.Options)!;
        if (File.Exists(path))
        {
            JsonNode? old;
            try { old = JsonNode.Parse(File.ReadAllText(path)); }
            catch (JsonException e) { throw new UserFacingException($"{path} is not valid JSON: {e.Message}"); }
            Compare(path, "modelSpec", old?["modelSpec"], fresh["modelSpec"]);
            Compare(path, "dataset.hash", old?["dataset"]?["hash"], fresh["dataset"]!["hash"]);
            var oldOpt = old?["options"]?.AsObject();
            var defaults = JsonSerializer.SerializeToNode(new TrainOptions(), RunJson.Options)!.AsObject();
            foreach (var (key, value) in fresh["options"]!.AsObject())
            {
                if (key is "device" or "threads" || Stages.TrainOptions.PlanOption(key)?.AffectsResult == false) continue;
                // An option newer than the run is absent from its run.json: the run used the option's default.
                var stored = oldOpt is not null && !oldOpt.ContainsKey(key) ? defaults[key] : oldOpt?[key];
                Compare(path, "options." + key, stored, value);
            }
            return;
        }
        Directory.CreateDirectory(runDir);
        AtomicFile.WriteAllText(path, fresh.ToJsonString(RunJson.Options));
    }

    /// <summary>
    /// Reads a run.json; a value of the wrong type is reported as "run folder <paramref name="runDir"/> is damaged:
    /// FILE: field 'F' is not what it should be".
    /// </summary>
    public static RunManifest Read(string path, string runDir)
    {
        try
        {
            return JsonSerializer.Deserialize<RunManifest>(File.ReadAllText(path), RunJson.Options)
                   ?? throw new UserFacingException($"run folder {runDir} is damaged: {path} is empty");
        }
        catch (JsonException e) when (e.Path is { Length: > 2 } field)
        {
            throw new UserFacingException($"run folder {runDir} is damaged: {path}: field '{field[2..]}' is not what it should be ({e.Message})", e);
        }
        catch (JsonException e)
        {
            throw new UserFacingException($"run folder {runDir} is damaged: {path} is not valid JSON: {e.Message}", e);
        }
    }

    /// <summary>Reads a run.json, or null when it is missing, unreadable or damaged (for listings that fall back to other names).</summary>
    public static RunManifest? TryRead(string path)
    {
        try { return JsonSerializer.Deserialize<RunManifest>(File.ReadAllText(path), RunJson.Options); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException) { return null; }
    }

    private static void Compare(string path, string field, JsonNode? a, JsonNode? b)
    {
        if (!JsonNode.DeepEquals(a, b))
            throw new UserFacingException($"{path} describes a different run ({field}: {a?.ToJsonString() ?? "missing"} there, {b?.ToJsonString() ?? "missing"} now); resume with the same options or choose a new output folder");
    }
}
