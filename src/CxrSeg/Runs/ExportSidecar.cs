using System.Text.Json;
using System.Text.Json.Nodes;
using CxrSeg.Models;
using CxrSeg.Models.Weights;
using CxrSeg.Data.Transforms;

namespace CxrSeg.Runs;

/// <summary>
/// The <c>FILE.json</c> written next to an exported <c>FILE.pth</c>/<c>FILE.safetensors</c>. Its <c>smp</c> object holds
/// only constructor arguments, so <c>getattr(smp, meta["smpClass"])(**meta["smp"])</c> works on every smp release;
/// <c>smpVersion</c> names the key spelling of the weights; the rest (spec, class names, input size, normalisation,
/// threshold) lets <c>cxrseg predict --model FILE</c> rebuild the network.
/// </summary>
public static class ExportSidecar
{
    /// <summary>The format tag of the current sidecar.</summary>
    public const string Format = "cxrseg-smp-export/2";

    /// <summary>smp's class for an architecture, or null when smp has no such network (classifier, autoencoder).</summary>
    public static string? SmpClass(string architecture) => ArchitectureRegistry.Find(architecture)?.SmpClass;

    /// <summary>The sidecar of <paramref name="run"/> exported as <paramref name="weightsFile"/> with smp <paramref name="version"/>'s key names.</summary>
    public static JsonObject Describe(LoadedRun run, string weightsFile, SmpVersion version, int tensors) => new()
    {
        ["format"] = Format,
        ["weights"] = weightsFile,
        ["smpVersion"] = version.ToString(),
        ["smpClass"] = SmpClass(run.Spec.Architecture),
        ["smp"] = new JsonObject
        {
            ["encoder_name"] = run.Spec.Encoder, ["encoder_weights"] = null,
            ["in_channels"] = run.Spec.InChannels, ["classes"] = run.Spec.Classes, ["activation"] = null,
        },
        ["note"] = SmpClass(run.Spec.Architecture) is null
            ? $"smp has no '{run.Spec.Architecture}' network: the keys are its encoder's (encoder.*) plus this project's decoder/head"
            : "outputs are logits; apply a sigmoid per channel (multi-label)",
        ["spec"] = new JsonObject
        {
            ["architecture"] = run.Spec.Architecture, ["encoder"] = run.Spec.Encoder,
            ["inChannels"] = run.Spec.InChannels, ["classes"] = run.Spec.Classes,
        },
        ["task"] = run.Task,
        ["classNames"] = new JsonArray(run.ClassNames.Select(n => (JsonNode?)JsonValue.Create(n)).ToArray()),
        ["inputSize"] = run.InputSize,
        ["normalisation"] = new JsonObject { ["mean"] = run.Normalisation.Mean, ["std"] = run.Normalisation.Std, ["scale"] = "pixel/255, then (x - mean) / std; grey replicated to in_channels" },
        ["threshold"] = run.Threshold,
        ["tensors"] = tensors,
    };

    /// <summary>The sidecar path of an exported weights file: <c>FILE.json</c> beside <c>FILE</c>.</summary>
    public static string PathFor(string weightsFile) => weightsFile + ".json";

    /// <summary>
    /// Reads a sidecar (format 1 or 2) into everything but the network. A missing file or field is a
    /// <see cref="UserFacingException"/> naming it.
    /// </summary>
    public static (ModelSpec Spec, IReadOnlyList<string> ClassNames, int InputSize, Normalisation Normalisation, string Task, double Threshold) Read(string sidecarPath)
    {
        if (!File.Exists(sidecarPath))
            throw new UserFacingException($"{sidecarPath} not found: an exported weights file needs the JSON written beside it by 'cxrseg export'");
        JsonNode root;
        try { root = JsonNode.Parse(File.ReadAllText(sidecarPath)) ?? throw new JsonException("empty"); }
        catch (JsonException e) { throw new UserFacingException($"{sidecarPath} is not valid JSON: {e.Message}", e); }
        T Field<T>(JsonNode? n, string name) =>
            n is null ? throw new UserFacingException($"{sidecarPath}: field '{name}' is missing")
            : n.GetValue<T>();
        var smp = root["smp"];
        var spec = root["spec"] is { } s
            ? new ModelSpec(Field<string>(s["architecture"], "spec.architecture"), Field<string>(s["encoder"], "spec.encoder"),
                Field<int>(s["inChannels"], "spec.inChannels"), Field<int>(s["classes"], "spec.classes"))
            : new ModelSpec(ArchitectureOfSmpClass(smp?["class"]?.GetValue<string>(), sidecarPath), Field<string>(smp?["encoder_name"], "smp.encoder_name"),
                Field<int>(smp?["in_channels"], "smp.in_channels"), Field<int>(smp?["classes"], "smp.classes"));
        var names = root["classNames"]?.AsArray().Select(n => n?.GetValue<string>() ?? "").ToList()
            ?? throw new UserFacingException($"{sidecarPath}: field 'classNames' is missing");
        if (names.Count != spec.Classes) throw new UserFacingException($"{sidecarPath}: classNames lists {names.Count} names but the network has {spec.Classes} outputs");
        var norm = new Normalisation(Field<double>(root["normalisation"]?["mean"], "normalisation.mean"), Field<double>(root["normalisation"]?["std"], "normalisation.std"));
        return (spec, names, Field<int>(root["inputSize"], "inputSize"), norm, root["task"]?.GetValue<string>() ?? "segment", root["threshold"]?.GetValue<double>() ?? 0.5);
    }

    private static string ArchitectureOfSmpClass(string? smpClass, string path) => smpClass switch
    {
        _ when ArchitectureRegistry.All.FirstOrDefault(a => a.SmpClass is not null && a.SmpClass == smpClass) is { } a => a.Name,
        _ => throw new UserFacingException($"{path}: field 'spec' is missing and smp class '{smpClass}' is not Unet or DeepLabV3"),
    };
}
