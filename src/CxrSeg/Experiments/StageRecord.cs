namespace CxrSeg.Experiments;

/// <summary>One stage in run.json.</summary>
public sealed record StageRecord(string Id, string Task, string Dataset, string Architecture, string Encoder, string Init, string Transfer, int Seed, IReadOnlyDictionary<string, string> Options)
{
    /// <summary>The record of a stage spec.</summary>
    public static StageRecord Of(string id, StageSpec s) =>
        new(id, PlanNames.Of(s.Task), PlanNames.Of(s.Dataset), s.Architecture, s.Encoder, PlanNames.Of(s.Init), PlanNames.Of(s.Transfer), s.Seed, s.Options);
}
