
namespace CxrSeg.Runs;

/// <summary>A plan's Table 3 labels by name (as stored in a plan's run.json and in a report's results.json).</summary>
public sealed record RunLabels(string Architecture, string Encoder, string Strategy, string Init, string? Transfer, int Repeat);
