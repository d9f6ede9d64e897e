using System.Text.Json;
using System.Text.Json.Nodes;
using CxrSeg.Platform;
using TorchSharp;
using static TorchSharp.torch;

namespace CxrSeg.Models.Weights;

/// <summary>
/// This project's checkpoint: a folder holding <c>model.safetensors</c> (smp key names) and <c>model.json</c>
/// (format, <see cref="ModelSpec"/>, input normalisation, parameter count, the caller's extra JSON), so the
/// folder alone rebuilds the network. Both files are written atomically, the JSON last.
/// </summary>
public static class ModelCheckpoint
{
    /// <summary>Weights file name inside a checkpoint folder.</summary>
    public const string WeightsFile = "model.safetensors";

    /// <summary>Description file name inside a checkpoint folder.</summary>
    public const string SpecFile = "model.json";

    /// <summary>Format tag written into <see cref="SpecFile"/>.</summary>
    public const string Format = "cxrseg-checkpoint/1";

    /// <summary>Saves the network's weights and spec into <paramref name="dir"/> (created when absent).</summary>
    /// <param name="module">The network.</param>
    /// <param name="spec">The spec it was built from.</param>
    /// <param name="dir">Checkpoint folder.</param>
    /// <param name="extraJson">Optional JSON object text stored verbatim under <c>extra</c> (class names, input size, epoch…).</param>
    /// <param name="normalisation">Optional input normalisation.</param>
    public static void Save(nn.Module module, ModelSpec spec, string dir, string? extraJson = null, InputNormalisation? normalisation = null)
    {
        spec.Validate();
        normalisation?.Validate();
        JsonNode? extra = null;
        if (extraJson is not null)
        {
            try { extra = JsonNode.Parse(extraJson); }
            catch (JsonException e) { throw new ArgumentException($"extraJson is not valid JSON: {e.Message}", nameof(extraJson), e); }
        }
        Directory.CreateDirectory(dir);
        SmpExport.Export(module, Path.Combine(dir, WeightsFile));
        var doc = new JsonObject
        {
            ["format"] = Format,
            ["spec"] = JsonSerializer.SerializeToNode(spec),
            ["normalisation"] = normalisation is null ? null : JsonSerializer.SerializeToNode(normalisation),
            ["parameters"] = ModelFactory.CountParameters(module),
            ["extra"] = extra,
        };
        AtomicFile.WriteAllText(Path.Combine(dir, SpecFile), doc.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    /// <summary>Reads only the spec (and normalisation, extra) of a checkpoint folder, without building the network.</summary>
    public static (ModelSpec Spec, InputNormalisation? Normalisation, string? ExtraJson) ReadSpec(string dir)
    {
        var jsonPath = Path.Combine(dir, SpecFile);
        if (!File.Exists(jsonPath)) throw new UserFacingException($"not a checkpoint folder: {jsonPath} is missing");
        try
        {
            var doc = JsonNode.Parse(File.ReadAllText(jsonPath)) as JsonObject
                      ?? throw new UserFacingException($"{jsonPath}: not a JSON object");
            var format = doc["format"]?.GetValue<string>();
            if (format != Format) throw new UserFacingException($"{jsonPath}: field 'format' is '{format}', expected '{Format}'");
            var spec = doc["spec"].Deserialize<ModelSpec>() ?? throw new UserFacingException($"{jsonPath}: field 'spec' is missing");
            var norm = doc["normalisation"]?.Deserialize<InputNormalisation>();
            var extra = doc["extra"]?.ToJsonString();
            return (spec, norm, extra);
        }
        catch (JsonException e)
        {
            throw new UserFacingException($"{jsonPath}: malformed JSON ({e.Message})", e);
        }
    }

    /// <summary>Rebuilds the network from <paramref name="dir"/> and loads its weights strictly (shapes checked).</summary>
    public static LoadedCheckpoint Load(string dir)
    {
        var (spec, norm, extra) = ReadSpec(dir);
        var weights = Path.Combine(dir, WeightsFile);
        if (!File.Exists(weights)) throw new UserFacingException($"checkpoint {dir} has no weights: {weights} is missing");
        var net = ModelFactory.Create(spec);
        try
        {
            SmpExport.Import(net, weights);
        }
        catch
        {
            net.Dispose();
            throw;
        }
        return new LoadedCheckpoint(net, net.Spec, norm, extra);
    }
}
