namespace CxrSeg.Data.Ieee8023;

/// <summary>The collection's frontal (or all) X-rays, the finding classes found in it, and what was left out.</summary>
/// <param name="Root">The dataset folder.</param>
/// <param name="Records">One record per image file, in file order.</param>
/// <param name="Classes">Finding tokens seen on kept images, sorted (the label channels).</param>
/// <param name="LeftOut">Counts of rows left out by reason (not X-ray, view, duplicate listing).</param>
/// <param name="Warnings">Quirks met while indexing.</param>
public sealed record Ieee8023Dataset(string Root, IReadOnlyList<Ieee8023Record> Records, IReadOnlyList<string> Classes,
    IReadOnlyDictionary<string, int> LeftOut, IReadOnlyList<string> Warnings);
