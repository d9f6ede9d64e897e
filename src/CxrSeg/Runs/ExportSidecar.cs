using System.Text.Json;
using CxrSeg.Data.Transforms;
using CxrSeg.Models.Weights;
using CxrSeg.Models;
using CxrSeg.Stages;

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
    public static ExportSidecarFile Describe(LoadedRun run, string weightsFile, SmpVersion version, int tensors) => new()
    {
        Format = Format,
        Weights = weightsFile,
        SmpVersion = version.ToString(),
        SmpClass = SmpClass(run.Spec.Architecture),
        Smp = new SmpArguments(run.Spec.Encoder, null, run.Spec.InChannels, run.Spec.Classes, null),
        Note = SmpClass(run.Spec.Architecture) is null
            ? $"smp has no '{run.Spec.Architecture}' network: the keys are its encoder's (encoder.*) plus this project's decoder/head"
            : "outputs are logits; apply a sigmoid per channel (multi-label)",
        Spec = run.Spec,
        Task = run.Task,
        ClassNames = run.ClassNames,
        InputSize = run.InputSize,
        Normalisation = new ManifestNormalisation(run.Normalisation.Mean, run.Normalisation.Std, "pixel/255, then (x - mean) / std; grey replicated to in_channels"),
        Threshold = run.Threshold,
        Tensors = tensors,
    };

    /// <summary>Writes a sidecar atomically.</summary>
    public static void Write(string path, ExportSidecarFile sidecar) =>
        Platform.AtomicFile.WriteAllText(path, JsonSerializer.Serialize(sidecar, RunJson.Options));

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
        ExportSidecarFile meta;
        try { meta = JsonSerializer.Deserialize<ExportSidecarFile>(File.ReadAllText(sidecarPath), RunJson.Options) ?? throw new JsonException("empty"); }
        catch (JsonException e) { throw new UserFacingException($"{sidecarPath} is not valid JSON: {e.Message}", e); }
        T Field<T>(T? value, string name) where T : struct => value ?? throw new UserFacingException($"{sidecarPath}: field '{name}' is missing");
        string Text(string? value, string name) => value ?? throw new UserFacingException($"{sidecarPath}: field '{name}' is missing");
        var spec = meta.Spec is { } s
            ? new ModelSpec(Text(s.Architecture, "spec.architecture"), Text(s.Encoder, "spec.encoder"), s.InChannels, s.Classes)
            : new ModelSpec(ArchitectureOfSmpClass(meta.Smp?.Class, sidecarPath), Text(meta.Smp?.EncoderName, "smp.encoder_name"),
                Field(meta.Smp?.InChannels, "smp.in_channels"), Field(meta.Smp?.Classes, "smp.classes"));
        var names = meta.ClassNames ?? throw new UserFacingException($"{sidecarPath}: field 'classNames' is missing");
        if (names.Count != spec.Classes) throw new UserFacingException($"{sidecarPath}: classNames lists {names.Count} names but the network has {spec.Classes} outputs");
        var norm = new Normalisation(Field(meta.Normalisation?.Mean, "normalisation.mean"), Field(meta.Normalisation?.Std, "normalisation.std"));
        return (spec, names, Field(meta.InputSize, "inputSize"), norm, meta.Task ?? TrainTask.Segment.Name(), meta.Threshold ?? 0.5);
    }

    private static string ArchitectureOfSmpClass(string? smpClass, string path) => smpClass switch
    {
        _ when ArchitectureRegistry.All.FirstOrDefault(a => a.SmpClass is not null && a.SmpClass == smpClass) is { } a => a.Name,
        _ => throw new UserFacingException($"{path}: field 'spec' is missing and smp class '{smpClass}' is not Unet or DeepLabV3"),
    };
}
