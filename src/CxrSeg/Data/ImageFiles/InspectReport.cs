
namespace CxrSeg.Data.ImageFiles;

/// <summary>What <c>cxrseg inspect</c> shows about one image file: ordered (field, value) pairs, never identifying header fields.</summary>
public sealed record InspectReport(string File, IReadOnlyList<(string Field, string Value)> Fields);
