using System.Globalization;
using CxrSeg.Data.Transforms;
using CxrSeg.Stages;

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

    /// <summary>The plan keys that are not training options: the image size and the weights locations.</summary>
    private static readonly string[] SettingKeys = ["imageSize", "imagenetWeights", "initWeights"];

    /// <summary>The keys understood: <see cref="TrainOptions.Table"/>'s plan keys (with the aliases the grids use) and <see cref="SettingKeys"/>.</summary>
    public static IReadOnlyList<string> Keys { get; } =
        [.. TrainOptions.Table.Where(r => r.InPlans).SelectMany(r => r.Aliases.Prepend(r.Key)), .. SettingKeys];

    /// <summary>
    /// Maps a stage to training settings. Defaults: the stage's seed; protocol <c>rotating</c> on CCXS (its prepared
    /// validation split is empty: the paper's protocol draws it from the partitions) and <c>plain</c> elsewhere; every
    /// other option as <see cref="TrainOptions"/>.
    /// </summary>
    public static StageTrainSettings From(StageSpec stage, string device)
    {
        var o = new TrainOptions
        {
            Task = stage.Task,
            Protocol = stage.Dataset == DatasetKind.Ccxs ? TrainProtocol.Rotating : TrainProtocol.Plain,
            Seed = stage.Seed,
            Device = device,
        };
        int? size = null;
        string? imagenet = null, initWeights = null;
        foreach (var (rawKey, value) in stage.Options)
        {
            if (rawKey.StartsWith("synthetic.", StringComparison.OrdinalIgnoreCase)) continue;
            if (TrainOptions.PlanOption(rawKey) is { } option)
            {
                o = option.Apply(o, value, $"option {rawKey}");
                continue;
            }
            switch (SettingKeys.FirstOrDefault(k => k.Equals(rawKey, StringComparison.OrdinalIgnoreCase)))
            {
                case "imageSize":
                    size = int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v
                        : throw new UserFacingException($"option {rawKey}: '{value}' is not an integer");
                    break;
                case "imagenetWeights": imagenet = value; break;
                case "initWeights": initWeights = value; break;
                default: throw new UserFacingException($"option '{rawKey}' is not a training option (valid: {string.Join(", ", Keys)})");
            }
        }
        if (size is < 32) throw new UserFacingException($"option imageSize must be ≥ 32 (got {size})");
        return new StageTrainSettings(o.Validate(), size, imagenet) { InitWeights = initWeights };
    }
}
