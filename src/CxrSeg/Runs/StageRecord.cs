
namespace CxrSeg.Runs;

/// <summary>One stage of a plan, by name, as a plan's run.json and a stage's stage.json record it.</summary>
public sealed record StageRecord(string Id, string Task, string Dataset, string Architecture, string Encoder, string Init, string Transfer, int Seed, IReadOnlyDictionary<string, string> Options);
