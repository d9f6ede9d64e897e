namespace CxrSeg.Models;

/// <summary>One architecture (decoder + head) as data: its name, what it needs from an encoder, and what it outputs.</summary>
/// <param name="Name">The <see cref="ModelSpec.Architecture"/> value.</param>
/// <param name="NeedsDilation">Needs an encoder that can run at output stride 8.</param>
/// <param name="Output">Output shape, for listings.</param>
/// <param name="Description">One line for listings.</param>
public sealed record ArchitectureInfo(string Name, bool NeedsDilation, string Output, string Description);
