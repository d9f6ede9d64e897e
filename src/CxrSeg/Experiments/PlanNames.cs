using CxrSeg.Models.Weights;
using CxrSeg.Stages;

namespace CxrSeg.Experiments;

/// <summary>The lower-case names used for the plan enums in YAML/JSON files, folder names and reports.</summary>
public static class PlanNames
{
    /// <summary>Name of a task: classify, reconstruct, segment.</summary>
    public static string Of(TrainTask t) => t.Name();

    /// <summary>Name of a dataset kind: chexpert, siim, ccxs.</summary>
    public static string Of(DatasetKind d) => d switch
    {
        DatasetKind.CheXpert => "chexpert",
        DatasetKind.Siim => "siim",
        _ => "ccxs",
    };

    /// <summary>Name of an initialisation: random, imagenet, previous.</summary>
    public static string Of(InitKind i) => i switch
    {
        InitKind.Random => "random",
        InitKind.ImageNet => "imagenet",
        InitKind.File => "file",
        _ => "previous",
    };

    /// <summary>Name of a transfer mode: encoder, encoder+decoder.</summary>
    public static string Of(TransferMode t) => t == TransferMode.Encoder ? "encoder" : "encoder+decoder";

    /// <summary>Name of a pretext: none, classifier, autoencoder.</summary>
    public static string Of(Pretext p) => p switch
    {
        Pretext.Classifier => "classifier",
        Pretext.Autoencoder => "autoencoder",
        _ => "none",
    };

    /// <summary>Parses a task name; the error names <paramref name="field"/> and the valid values.</summary>
    public static TrainTask ParseTask(string? s, string field) => Parse(s, field, new Dictionary<string, TrainTask>
    {
        ["classify"] = TrainTask.Classify, ["reconstruct"] = TrainTask.Reconstruct, ["segment"] = TrainTask.Segment,
    });

    /// <summary>Parses a dataset kind.</summary>
    public static DatasetKind ParseDataset(string? s, string field) => Parse(s, field, new Dictionary<string, DatasetKind>
    {
        ["chexpert"] = DatasetKind.CheXpert, ["siim"] = DatasetKind.Siim, ["ccxs"] = DatasetKind.Ccxs,
    });

    /// <summary>Parses an initialisation.</summary>
    public static InitKind ParseInit(string? s, string field) => Parse(s, field, new Dictionary<string, InitKind>
    {
        ["random"] = InitKind.Random, ["imagenet"] = InitKind.ImageNet, ["previous"] = InitKind.Previous, ["file"] = InitKind.File,
    });

    /// <summary>Parses a transfer mode ("encoder", "encoder+decoder"; "both" is accepted for the latter).</summary>
    public static TransferMode ParseTransfer(string? s, string field) => Parse(s, field, new Dictionary<string, TransferMode>
    {
        ["encoder"] = TransferMode.Encoder, ["encoder+decoder"] = TransferMode.EncoderDecoder, ["both"] = TransferMode.EncoderDecoder,
    });

    /// <summary>
    /// Parses a grid strategy name: none, chexpert-classifier, chexpert-autoencoder, siim, 2step-classifier, 2step-autoencoder.
    /// </summary>
    public static (Strategy Strategy, Pretext Pretext) ParseStrategy(string? s, string field) => Parse(s, field, new Dictionary<string, (Strategy, Pretext)>
    {
        ["none"] = (Strategy.None, Pretext.None),
        ["chexpert-classifier"] = (Strategy.CheXpert, Pretext.Classifier),
        ["chexpert-autoencoder"] = (Strategy.CheXpert, Pretext.Autoencoder),
        ["siim"] = (Strategy.Siim, Pretext.None),
        ["2step-classifier"] = (Strategy.TwoStep, Pretext.Classifier),
        ["2step-autoencoder"] = (Strategy.TwoStep, Pretext.Autoencoder),
    });

    /// <summary>The grid name of a strategy and pretext (inverse of <see cref="ParseStrategy"/>).</summary>
    public static string StrategyName(Strategy s, Pretext p) => s switch
    {
        Strategy.None => "none",
        Strategy.Siim => "siim",
        Strategy.CheXpert => "chexpert-" + Of(p),
        _ => "2step-" + Of(p),
    };

    /// <summary>
    /// A readable label of a strategy for tables and charts, e.g. "2-step (classifier → SIIM)"; <paramref name="roles"/>
    /// names what the pretraining roles were trained on (the paper's CheXpert and SIIM by default).
    /// </summary>
    public static string StrategyLabel(Strategy s, Pretext p, RoleNames? roles = null)
    {
        var r = roles ?? RoleNames.Paper;
        return s switch
        {
            Strategy.None => "none",
            Strategy.Siim => $"1-step {r.StepB}",
            Strategy.CheXpert => $"1-step {r.StepA} {Of(p)}",
            _ => r == RoleNames.Paper ? $"2-step ({Of(p)} → SIIM)" : $"2-step ({r.StepA} {Of(p)} → {r.StepB})",
        };
    }

    private static T Parse<T>(string? s, string field, Dictionary<string, T> map)
    {
        var key = (s ?? "").Trim().ToLowerInvariant();
        if (map.TryGetValue(key, out var v)) return v;
        throw new UserFacingException($"{field}: '{s}' is not valid; expected one of: {string.Join(", ", map.Keys)}");
    }
}
