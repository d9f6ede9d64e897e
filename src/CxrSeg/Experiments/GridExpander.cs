using CxrSeg.Models.Weights;
using CxrSeg.Models;
using CxrSeg.Stages;

namespace CxrSeg.Experiments;

/// <summary>Turns a grid into plans, skipping (with a reason) the combinations that cannot be built.</summary>
public static class GridExpander
{
    /// <summary>Expands the grid. <paramref name="capability"/> defaults to <see cref="DefaultCapability.Check"/>.</summary>
    public static GridExpansion Expand(GridSpec grid, ModelCapability? capability = null)
    {
        grid.Validate();
        capability ??= DefaultCapability.Check;
        var plans = new Dictionary<string, PlanSpec>(StringComparer.Ordinal);
        var skipped = new List<SkippedCombination>();
        foreach (var arch in grid.Architectures)
        foreach (var enc in grid.Encoders)
        foreach (var (strategy, pretext) in grid.Strategies)
        foreach (var init in grid.Inits)
        foreach (var transfer in grid.Transfers)
        foreach (var variant in grid.VariantNames)
        for (var r = 0; r < grid.Repeats; r++)
        {
            // Strategy none transfers nothing: one plan whatever the transfer mode.
            TransferMode? t = strategy == Strategy.None ? null : transfer;
            var labels = new PlanLabels(arch, enc, strategy, pretext, init, t, r, variant);
            var reason = Reject(labels, capability);
            if (reason is not null)
            {
                skipped.Add(new SkippedCombination(labels, reason));
                continue;
            }
            var plan = Build(grid, labels);
            plans.TryAdd(StageIds.RunFolderName(plan), plan);
        }
        var sorted = plans.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Value).ToList();
        return new GridExpansion(sorted, skipped);
    }

    private static string? Reject(PlanLabels l, ModelCapability capability)
    {
        if (capability(l.Architecture, l.Encoder) is { } why) return why;
        if (l.Pretext != Pretext.None && capability(PretextArchitecture(l.Pretext), l.Encoder) is { } why2) return why2;
        if (l.Transfer == TransferMode.EncoderDecoder)
        {
            if (ArchitectureRegistry.Find(l.Architecture) is not { IsDecoder: true, UnetDecoder: true }) return $"{l.Architecture} has no UNet decoder to receive a transferred decoder";
            if (l.Strategy == Strategy.CheXpert && l.Pretext == Pretext.Classifier) return "a classifier has no decoder to transfer";
        }
        return null;
    }

    private static TrainTask PretextTask(Pretext p) => p == Pretext.Classifier ? TrainTask.Classify : TrainTask.Reconstruct;

    private static string PretextArchitecture(Pretext p) => ArchitectureRegistry.For(PretextTask(p), "").Name;

    /// <summary>Builds the stage chain of one combination.</summary>
    public static PlanSpec Build(GridSpec grid, PlanLabels l)
    {
        var finalSeed = grid.Seed + l.Repeat;
        var preSeed = grid.SharedPretraining ? grid.Seed : finalSeed;
        var transfer = l.Transfer ?? TransferMode.Encoder;
        var stages = new List<StageSpec>();
        string? prevArch = null;

        void Add(TrainTask task, DatasetKind ds, string arch, int seed)
        {
            var init = stages.Count == 0 ? l.Init : InitKind.Previous;
            var tr = prevArch is not null && transfer == TransferMode.EncoderDecoder && TransferRules.HasTransferableDecoder(prevArch, arch)
                ? TransferMode.EncoderDecoder
                : TransferMode.Encoder;
            var options = MergeOptions(grid, ds);
            if (ds == DatasetKind.Ccxs && l.Variant.Length > 0 && grid.Variants?.GetValueOrDefault(l.Variant) is { } variantOptions)
                options = new Dictionary<string, string>(options.Concat(variantOptions).GroupBy(kv => kv.Key).Select(g => g.Last()), StringComparer.Ordinal);
            stages.Add(new StageSpec(task, ds, arch, l.Encoder, init, tr, seed, options));
            prevArch = arch;
        }

        if (l.Strategy is Strategy.CheXpert or Strategy.TwoStep)
        {
            Add(PretextTask(l.Pretext), DatasetKind.CheXpert, PretextArchitecture(l.Pretext), preSeed);
        }
        if (l.Strategy is Strategy.Siim or Strategy.TwoStep) Add(TrainTask.Segment, DatasetKind.Siim, l.Architecture, preSeed);
        Add(TrainTask.Segment, DatasetKind.Ccxs, l.Architecture, finalSeed);

        var name = $"{l.Architecture}-{l.Encoder}-{PlanNames.StrategyName(l.Strategy, l.Pretext)}-{PlanNames.Of(l.Init)}-" +
                   $"{(l.Transfer is { } tm ? (tm == TransferMode.Encoder ? "enc" : "encdec") : "notransfer")}-r{l.Repeat}" +
                   (l.Variant.Length > 0 ? $"-{l.Variant}" : "");
        var plan = new PlanSpec(name, stages, grid.DatasetRefs, l);
        plan.Validate();
        return plan;
    }

    private static IReadOnlyDictionary<string, string> MergeOptions(GridSpec grid, DatasetKind ds)
    {
        var d = new Dictionary<string, string>(grid.Options, StringComparer.Ordinal);
        if (grid.StageOptions.TryGetValue(ds, out var over))
            foreach (var kv in over) d[kv.Key] = kv.Value;
        return d;
    }
}
