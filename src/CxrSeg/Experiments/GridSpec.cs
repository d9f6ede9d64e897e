using CxrSeg.Models.Weights;
using CxrSeg.Models;
using CxrSeg.Stages;

namespace CxrSeg.Experiments;

/// <summary>
/// A grid of experiments: architectures × encoders × strategies × initialisations × transfer modes × repeats.
/// <see cref="Options"/> go to every stage; <see cref="StageOptions"/> override them per dataset (e.g. fewer epochs on CheXpert).
/// With <see cref="SharedPretraining"/>, pretraining stages use seed <see cref="Seed"/> for every repeat (trained once and
/// shared); the final CCXS stage always uses <see cref="Seed"/> + repeat. <see cref="Variants"/> (named option sets applied to
/// the final CCXS stage, e.g. the levers of a cross-validation comparison) multiply the grid; without them there is one
/// unnamed variant.
/// </summary>
public sealed record GridSpec(
    string Name,
    IReadOnlyDictionary<DatasetKind, string> DatasetRefs,
    IReadOnlyDictionary<string, string> Options,
    IReadOnlyDictionary<DatasetKind, IReadOnlyDictionary<string, string>> StageOptions,
    IReadOnlyList<string> Architectures,
    IReadOnlyList<string> Encoders,
    IReadOnlyList<(Strategy Strategy, Pretext Pretext)> Strategies,
    IReadOnlyList<InitKind> Inits,
    IReadOnlyList<TransferMode> Transfers,
    int Repeats,
    int Seed = 0,
    bool SharedPretraining = true,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? Variants = null)
{
    /// <summary>The variant names to expand: the grid's, or one unnamed variant.</summary>
    public IReadOnlyList<string> VariantNames => Variants is { Count: > 0 } v ? v.Keys.ToArray() : [""];

    /// <summary>Throws a <see cref="UserFacingException"/> naming the bad field.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Name)) throw new UserFacingException("grid: name is empty");
        if (Architectures.Count == 0) throw new UserFacingException("grid: architectures is empty");
        foreach (var a in Architectures)
            if (!ArchitectureRegistry.Trains(a, TrainTask.Segment)) throw new UserFacingException($"grid: architectures: '{a}' is not valid; expected {string.Join(" or ", ArchitectureRegistry.Decoders)}");
        if (Encoders.Count == 0) throw new UserFacingException("grid: encoders is empty");
        if (Strategies.Count == 0) throw new UserFacingException("grid: strategies is empty");
        if (Inits.Count == 0) throw new UserFacingException("grid: inits is empty");
        if (Inits.Contains(InitKind.Previous)) throw new UserFacingException("grid: inits: 'previous' is not a starting point; use random, imagenet or file");
        if (Transfers.Count == 0) throw new UserFacingException("grid: transfers is empty");
        if (Repeats < 1) throw new UserFacingException($"grid: repeats must be ≥ 1 (got {Repeats})");
        if (Seed < 0) throw new UserFacingException($"grid: seed must be ≥ 0 (got {Seed})");
        foreach (var name in Variants?.Keys ?? [])
            if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
                throw new UserFacingException($"grid: variants: '{name}' is not a valid name (letters, digits, '-', '_', '.')");
        if (!DatasetRefs.ContainsKey(DatasetKind.Ccxs)) throw new UserFacingException("grid: datasets.ccxs is not set");
        if (Strategies.Any(s => s.Strategy is Strategy.CheXpert or Strategy.TwoStep) && !DatasetRefs.ContainsKey(DatasetKind.CheXpert))
            throw new UserFacingException("grid: a CheXpert strategy is listed but datasets.chexpert is not set");
        if (Strategies.Any(s => s.Strategy is Strategy.Siim or Strategy.TwoStep) && !DatasetRefs.ContainsKey(DatasetKind.Siim))
            throw new UserFacingException("grid: a SIIM strategy is listed but datasets.siim is not set");
    }
}
