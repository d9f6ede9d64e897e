using CxrSeg.Data.Transforms;
using System.Text.Json.Serialization;
using CxrSeg.Models;
using CxrSeg.Stages;

namespace CxrSeg.Runs;

/// <summary>
/// A training run's <c>run.json</c>: task, model spec, class names, input size, normalisation, seed, every option,
/// dataset identity and versions. Fields are optional on reading (older folders may lack some); the defaults a reader
/// applies are the properties <see cref="EffectiveTask"/>, <see cref="EffectiveNormalisation"/> and <see cref="Threshold"/>.
/// Read and written by <see cref="RunManifestFile"/>.
/// </summary>
public sealed record RunManifest
{
    /// <summary>"classify", "reconstruct" or "segment".</summary>
    public string? Task { get; init; }

    /// <summary>Stage name shown in progress and logs.</summary>
    public string? Stage { get; init; }

    /// <summary>The network's spec.</summary>
    public ModelSpec? ModelSpec { get; init; }

    /// <summary>Output channel names, in order.</summary>
    public IReadOnlyList<string>? ClassNames { get; init; }

    /// <summary>Square input size the run trained at.</summary>
    public int? InputSize { get; init; }

    /// <summary>Intensity normalisation.</summary>
    public ManifestNormalisation? Normalisation { get; init; }

    /// <summary>The seed.</summary>
    public int? Seed { get; init; }

    /// <summary>"random", "imagenet", a run folder or a weights file.</summary>
    public string? Init { get; init; }

    /// <summary>"encoder", "encoder+decoder", "all" or empty.</summary>
    public string? Transfer { get; init; }

    /// <summary>Every training option.</summary>
    public TrainOptions? Options { get; init; }

    /// <summary>The dataset's identity and split sizes.</summary>
    public ManifestDataset? Dataset { get; init; }

    /// <summary>Versions of the tool and its runtime.</summary>
    public ManifestVersions? Versions { get; init; }

    /// <summary>When the run was created (ISO 8601, UTC).</summary>
    public string? Created { get; init; }

    /// <summary>The task, or the one the architecture implies when the file records none.</summary>
    public string EffectiveTask(ModelSpec spec) => Task ?? (ArchitectureRegistry.Find(spec.Architecture)?.Task ?? TrainTask.Segment).Name();

    /// <summary>The normalisation, the defaults where the file records none.</summary>
    [JsonIgnore]
    public Data.Transforms.Normalisation EffectiveNormalisation
    {
        get
        {
            var defaults = new Data.Transforms.Normalisation();
            return new Data.Transforms.Normalisation(Normalisation?.Mean ?? defaults.Mean, Normalisation?.Std ?? defaults.Std);
        }
    }

    /// <summary>The probability threshold the run's metrics used (the default when the file records no options).</summary>
    [JsonIgnore]
    public double Threshold => Options?.Threshold ?? new TrainOptions().Threshold;
}

/// <summary>The normalisation entry of run.json.</summary>
/// <param name="Mean">Mean on the 0..1 scale.</param>
/// <param name="Std">Standard deviation on the 0..1 scale.</param>
/// <param name="Scale">How the values apply, in words.</param>
public sealed record ManifestNormalisation(double? Mean, double? Std, string? Scale = ManifestNormalisation.ScaleText)
{
    /// <summary>The words run.json records.</summary>
    public const string ScaleText = "0..1 (pixel/255), then (x - mean) / std; grey replicated to the input channels";
}

/// <summary>The dataset entry of run.json: name, prepared folder(s), content hash (prep ids), sizes.</summary>
public sealed record ManifestDataset(string? Name, string? Path, string? Hash, int Count, int Size, int Train, int Validation, int Test, int Partitions);

/// <summary>The versions entry of run.json.</summary>
public sealed record ManifestVersions(string? Cxrseg, string? Torchsharp, string? Libtorch, string? Dotnet);
