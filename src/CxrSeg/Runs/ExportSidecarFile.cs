using System.Text.Json.Serialization;
using CxrSeg.Models;

namespace CxrSeg.Runs;

/// <summary>
/// The <c>FILE.json</c> beside an exported <c>FILE.pth</c>/<c>FILE.safetensors</c>, as a typed record (read and written
/// by <see cref="ExportSidecar"/>). Fields are optional on reading; an older sidecar without <see cref="Spec"/> names the
/// network by its smp arguments.
/// </summary>
public sealed record ExportSidecarFile
{
    /// <summary>The format tag, <see cref="ExportSidecar.Format"/>.</summary>
    [JsonPropertyName("format")] public string? Format { get; init; }

    /// <summary>The weights file's name.</summary>
    [JsonPropertyName("weights")] public string? Weights { get; init; }

    /// <summary>The smp release whose key names the weights use.</summary>
    [JsonPropertyName("smpVersion")] public string? SmpVersion { get; init; }

    /// <summary>smp's class, or null when smp has no such network.</summary>
    [JsonPropertyName("smpClass")] public string? SmpClass { get; init; }

    /// <summary>smp's constructor arguments.</summary>
    [JsonPropertyName("smp")] public SmpArguments? Smp { get; init; }

    /// <summary>How to use the outputs, in words.</summary>
    [JsonPropertyName("note")] public string? Note { get; init; }

    /// <summary>The network's spec.</summary>
    [JsonPropertyName("spec")] public ModelSpec? Spec { get; init; }

    /// <summary>"classify", "reconstruct" or "segment".</summary>
    [JsonPropertyName("task")] public string? Task { get; init; }

    /// <summary>Output channel names.</summary>
    [JsonPropertyName("classNames")] public IReadOnlyList<string>? ClassNames { get; init; }

    /// <summary>Square input size the run trained at.</summary>
    [JsonPropertyName("inputSize")] public int? InputSize { get; init; }

    /// <summary>Intensity normalisation.</summary>
    [JsonPropertyName("normalisation")] public ManifestNormalisation? Normalisation { get; init; }

    /// <summary>Probability threshold of the run's metrics.</summary>
    [JsonPropertyName("threshold")] public double? Threshold { get; init; }

    /// <summary>How many tensors the weights file holds.</summary>
    [JsonPropertyName("tensors")] public int? Tensors { get; init; }
}

/// <summary>smp's constructor arguments (<c>smp.Unet(**meta["smp"])</c>); <see cref="Class"/> is read from older sidecars only.</summary>
public sealed record SmpArguments(
    [property: JsonPropertyName("encoder_name")] string? EncoderName,
    [property: JsonPropertyName("encoder_weights")] string? EncoderWeights,
    [property: JsonPropertyName("in_channels")] int? InChannels,
    [property: JsonPropertyName("classes")] int? Classes,
    [property: JsonPropertyName("activation")] string? Activation)
{
    /// <summary>smp's class, as older sidecars recorded it inside this object.</summary>
    [JsonPropertyName("class"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Class { get; init; }
}
