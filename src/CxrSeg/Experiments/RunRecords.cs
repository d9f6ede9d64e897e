using CxrSeg.Runs;

namespace CxrSeg.Experiments;

/// <summary>How plans, stages and labels become the records a workspace stores (<see cref="PlanRunRecord"/>, <see cref="StageRecord"/>, <see cref="RunLabels"/>) and back.</summary>
public static class RunRecords
{
    /// <summary>The record of a stage spec.</summary>
    public static StageRecord ToRecord(this StageSpec s, string id) =>
        new(id, PlanNames.Of(s.Task), PlanNames.Of(s.Dataset), s.Architecture, s.Encoder, PlanNames.Of(s.Init), PlanNames.Of(s.Transfer), s.Seed, s.Options);

    /// <summary>The names of the labels.</summary>
    public static RunLabels ToRecord(this PlanLabels l) =>
        new(l.Architecture, l.Encoder, PlanNames.StrategyName(l.Strategy, l.Pretext), PlanNames.Of(l.Init), l.Transfer is { } t ? PlanNames.Of(t) : null, l.Repeat,
            l.Variant.Length > 0 ? l.Variant : null);

    /// <summary>Back to enums; errors name the field.</summary>
    public static PlanLabels ToLabels(this RunLabels r)
    {
        var (s, p) = PlanNames.ParseStrategy(r.Strategy, "labels.strategy");
        return new PlanLabels(r.Architecture, r.Encoder, s, p, PlanNames.ParseInit(r.Init, "labels.init"),
            r.Transfer is null ? null : PlanNames.ParseTransfer(r.Transfer, "labels.transfer"), r.Repeat, r.Variant ?? "");
    }
}
