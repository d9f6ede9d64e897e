
namespace CxrSeg.Runs;

/// <summary>
/// What a plan's <c>runs/&lt;run&gt;/run.json</c> holds: the plan (name, labels, stages, datasets), the stage ids in order
/// and when it finished; <c>FinalStageFolder</c> is the final stage's folder relative to the workspace
/// (<c>stages/&lt;id&gt;</c>: checkpoints for predictions). Reports read the labels from here and the scores from the
/// sibling metrics.json. Read and written by <see cref="PlanRunFiles"/>.
/// </summary>
public sealed record PlanRunRecord(
    string Run,
    string Plan,
    RunLabels? Labels,
    IReadOnlyList<StageRecord> Stages,
    IReadOnlyDictionary<string, string> Datasets,
    DateTime FinishedUtc,
    string? FinalStageFolder = null);
