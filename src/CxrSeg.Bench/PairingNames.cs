using CxrSeg.Models;
using CxrSeg.Stages;

namespace CxrSeg.Bench;

/// <summary>"architecture-encoder" names of networks on the bench command line (e.g. <c>unet-resnet50</c>).</summary>
public static class PairingNames
{
    /// <summary>The spec named by <paramref name="name"/> (13 classes, or 14 labels for the classifier, 1 input channel).</summary>
    public static ModelSpec Parse(string name)
    {
        var dash = name.IndexOf('-');
        var arch = dash > 0 ? name[..dash] : "";
        var enc = dash > 0 ? name[(dash + 1)..] : "";
        if (!ArchitectureRegistry.Names.Contains(arch) || !EncoderRegistry.Names.Contains(enc))
            throw new UserFacingException(
                $"unknown pairing '{name}': use architecture-encoder with architecture one of {string.Join(", ", ArchitectureRegistry.Names)} and encoder one of {string.Join(", ", EncoderRegistry.Names)}");
        var why = ArchitectureRegistry.Incompatibility(ArchitectureRegistry.Get(arch), EncoderRegistry.Get(enc));
        if (why is not null) throw new UserFacingException($"pairing '{name}' cannot be built: {why}");
        return new ModelSpec(arch, enc, 1, ArchitectureRegistry.Get(arch).Task == TrainTask.Classify ? 14 : 13);
    }

    /// <summary>The name of a spec.</summary>
    public static string Of(ModelSpec spec) => $"{spec.Architecture}-{spec.Encoder}";

    /// <summary>The pairings to measure: the named ones, <see cref="BenchSettings.DefaultPairings"/> when none, every buildable one for "all".</summary>
    public static IReadOnlyList<ModelSpec> Resolve(IReadOnlyList<string> names)
    {
        if (names.Count == 0) return BenchSettings.DefaultPairings.Select(Parse).ToList();
        if (names.Contains("all"))
            return ArchitectureRegistry.All.SelectMany(a => EncoderRegistry.All.Where(e => ArchitectureRegistry.Incompatibility(a, e) is null)
                .Select(e => Parse($"{a.Name}-{e.Name}"))).ToList();
        return names.Select(Parse).ToList();
    }
}
