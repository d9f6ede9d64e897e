namespace CxrSeg.Experiments;

/// <summary>
/// What <c>runs/&lt;run&gt;/run.json</c> holds: the plan (name, labels, stages, datasets), the stage ids in order
/// and when it finished; <c>FinalStageFolder</c> is the final stage's folder relative to the workspace
/// (<c>stages/&lt;id&gt;</c>: checkpoints for predictions). Reports read the labels from here and the scores from the sibling metrics.json.
/// </summary>
public sealed record RunRecord(
    string Run,
    string Plan,
    PlanLabelsDto? Labels,
    IReadOnlyList<StageRecord> Stages,
    IReadOnlyDictionary<string, string> Datasets,
    DateTime FinishedUtc,
    string? FinalStageFolder = null);

/// <summary>One stage in run.json.</summary>
public sealed record StageRecord(string Id, string Task, string Dataset, string Architecture, string Encoder, string Init, string Transfer, int Seed, IReadOnlyDictionary<string, string> Options)
{
    /// <summary>The record of a stage spec.</summary>
    public static StageRecord Of(string id, StageSpec s) =>
        new(id, PlanNames.Of(s.Task), PlanNames.Of(s.Dataset), s.Architecture, s.Encoder, PlanNames.Of(s.Init), PlanNames.Of(s.Transfer), s.Seed, s.Options);
}

/// <summary>Plan labels with names instead of enums (as stored in run.json and results.json).</summary>
public sealed record PlanLabelsDto(string Architecture, string Encoder, string Strategy, string Init, string? Transfer, int Repeat)
{
    /// <summary>The names of the labels.</summary>
    public static PlanLabelsDto Of(PlanLabels l) =>
        new(l.Architecture, l.Encoder, PlanNames.StrategyName(l.Strategy, l.Pretext), PlanNames.Of(l.Init), l.Transfer is { } t ? PlanNames.Of(t) : null, l.Repeat);

    /// <summary>Back to enums; errors name the field.</summary>
    public PlanLabels ToLabels()
    {
        var (s, p) = PlanNames.ParseStrategy(Strategy, "labels.strategy");
        return new PlanLabels(Architecture, Encoder, s, p, PlanNames.ParseInit(Init, "labels.init"),
            Transfer is null ? null : PlanNames.ParseTransfer(Transfer, "labels.transfer"), Repeat);
    }
}
