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
