
namespace CxrSeg.Runs;

/// <summary>A plan's Table 3 labels by name (as stored in a plan's run.json and in a report's results.json).</summary>
/// <param name="Variant">The grid variant (named option set of the final stage), or null for a grid without variants.</param>
public sealed record RunLabels(string Architecture, string Encoder, string Strategy, string Init, string? Transfer, int Repeat,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? Variant = null);
