namespace CxrSeg.Data.Stats;

/// <summary>A table for <c>cxrseg stats</c>: title, column names, rows of cells, and notes printed under it.</summary>
public sealed record StatsTable(string Title, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows, IReadOnlyList<string> Notes);
