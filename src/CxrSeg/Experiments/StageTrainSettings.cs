using System.Globalization;
using CxrSeg.Training;

namespace CxrSeg.Experiments;

/// <summary>
/// How a stage's option map (plan/grid <c>options</c>, <c>stageOptions</c> and stage <c>options</c>, merged) becomes
/// <see cref="TrainOptions"/>, plus the two settings that are not training options: the image size (which picks the
/// prepared cache) and the ImageNet weights location. Keys are case-insensitive; an unknown key or bad value is an
/// error naming it. Keys starting with <c>synthetic.</c> belong to the dry-run executor and are ignored.
/// </summary>
/// <param name="Options">The training options.</param>
/// <param name="ImageSize">Required image size of the prepared cache, or null for any (the latest).</param>
/// <param name="ImageNetWeights">ImageNet weights file or folder from the <c>imagenetWeights</c> key, or null.</param>
public sealed record StageTrainSettings(TrainOptions Options, int? ImageSize, string? ImageNetWeights)
{
    /// <summary>The weights file of <c>init: file</c> stages, from the <c>initWeights</c> key (smp or torchvision layout), or null.</summary>
    public string? InitWeights { get; init; }

    /// <summary>The keys understood, with the aliases the grids use.</summary>
    public static IReadOnlyList<string> Keys { get; } =
    [
        "imageSize", "batchSize", "evalBatchSize", "maxEpochs", "epochs", "maxStepsPerEpoch", "optimizer", "learningRate", "lr",
        "weightDecay", "schedule", "minLearningRate", "gradClip", "loss", "monitor", "patience", "earlyStoppingPatience",
        "minDelta", "restoreBest", "threshold", "augment", "normMean", "normStd", "protocol", "folds", "foldEnsemble",
        "threads", "imagenetWeights", "initWeights", "validationFraction",
    ];

    /// <summary>
    /// Maps a stage to training settings. Defaults: the stage's seed; protocol <c>rotating</c> on CCXS (its prepared
    /// validation split is empty: the paper's protocol draws it from the partitions) and <c>plain</c> elsewhere; every
    /// other option as <see cref="TrainOptions"/>.
    /// </summary>
    public static StageTrainSettings From(StageSpec stage, string device)
    {
        var o = new TrainOptions
        {
            Task = stage.Task switch { StageTask.Classify => TrainTask.Classify, StageTask.Reconstruct => TrainTask.Reconstruct, _ => TrainTask.Segment },
            Protocol = stage.Dataset == DatasetKind.Ccxs ? TrainProtocol.Rotating : TrainProtocol.Plain,
            Seed = stage.Seed,
            Device = device,
        };
        int? size = null;
        string? imagenet = null, initWeights = null;
        foreach (var (rawKey, value) in stage.Options)
        {
            if (rawKey.StartsWith("synthetic.", StringComparison.OrdinalIgnoreCase)) continue;
            var key = Keys.FirstOrDefault(k => k.Equals(rawKey, StringComparison.OrdinalIgnoreCase))
                ?? throw new UserFacingException($"option '{rawKey}' is not a training option (valid: {string.Join(", ", Keys)})");
            int I() => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v
                : throw new UserFacingException($"option {rawKey}: '{value}' is not an integer");
            double D() => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v
                : throw new UserFacingException($"option {rawKey}: '{value}' is not a number");
            bool B() => bool.TryParse(value, out var v) ? v : throw new UserFacingException($"option {rawKey}: '{value}' is not true or false");
            T E<T>(string text) where T : struct, Enum =>
                Enum.TryParse<T>(text.Replace("+", "").Replace("-", ""), true, out var r) && !int.TryParse(text, out _) ? r
                    : throw new UserFacingException($"option {rawKey}: unknown value '{value}' (valid: {string.Join(", ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))})");
            o = key switch
            {
                "imageSize" => Set(() => size = I(), o),
                "imagenetWeights" => Set(() => imagenet = value, o),
                "initWeights" => Set(() => initWeights = value, o),
                "batchSize" => o with { BatchSize = I() },
                "evalBatchSize" => o with { EvalBatchSize = I() },
                "maxEpochs" or "epochs" => o with { MaxEpochs = I() },
                "maxStepsPerEpoch" => o with { MaxStepsPerEpoch = I() },
                "optimizer" => o with { Optimizer = E<OptimizerKind>(value) },
                "learningRate" or "lr" => o with { LearningRate = D() },
                "weightDecay" => o with { WeightDecay = D() },
                "schedule" => o with { Schedule = E<LrScheduleKind>(value) },
                "minLearningRate" => o with { MinLearningRate = D() },
                "gradClip" => o with { GradClipNorm = D() },
                "loss" => o.Task == TrainTask.Reconstruct ? o with { ReconstructionLoss = E<ReconstructionLoss>(value) } : o with { SegmentationLoss = E<SegmentationLoss>(value) },
                "monitor" => o with { Monitor = value },
                "patience" or "earlyStoppingPatience" => o with { Patience = I() },
                "minDelta" => o with { MinDelta = D() },
                "restoreBest" => o with { RestoreBest = B() },
                "threshold" => o with { Threshold = D() },
                "augment" => o with { Augment = o.Augment with { Enabled = B() } },
                "normMean" => o with { Normalisation = o.Normalisation with { Mean = D() } },
                "normStd" => o with { Normalisation = o.Normalisation with { Std = D() } },
                "protocol" => o with { Protocol = ParseProtocol(value) },
                "folds" => o with { Folds = I() },
                "foldEnsemble" => o with { FoldEnsemble = B() },
                "threads" => o with { Threads = I() },
                "validationFraction" => o with { ValidationFraction = D() },
                _ => throw new InvalidOperationException(key),
            };
        }
        if (size is < 32) throw new UserFacingException($"option imageSize must be ≥ 32 (got {size})");
        return new StageTrainSettings(o.Validate(), size, imagenet) { InitWeights = initWeights };
    }

    /// <summary>Protocol names: plain, rotating (also "rotating-9-fold", the paper grid's spelling), kfold.</summary>
    public static TrainProtocol ParseProtocol(string value) => value.Trim().ToLowerInvariant() switch
    {
        "plain" => TrainProtocol.Plain,
        "rotating" or "rotating-9-fold" => TrainProtocol.Rotating,
        "kfold" or "k-fold" => TrainProtocol.KFold,
        _ => throw new UserFacingException($"option protocol: unknown value '{value}' (valid: plain, rotating, kfold)"),
    };

    private static TrainOptions Set(Action a, TrainOptions o)
    {
        a();
        return o;
    }
}
