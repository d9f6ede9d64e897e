namespace CxrSeg.Data.Nih14;

/// <summary>An NIH ChestX-ray14 folder: the rows whose image is present, and what was left out.</summary>
/// <param name="Root">The dataset folder.</param>
/// <param name="Records">Rows with an image, in file order (bad rows carry their error and become rejects).</param>
/// <param name="RowsWithoutImage">Rows whose image is not in the folder (a partial download is normal).</param>
/// <param name="Warnings">Quirks met while indexing.</param>
public sealed record Nih14Dataset(string Root, IReadOnlyList<Nih14Record> Records, int RowsWithoutImage, IReadOnlyList<string> Warnings);
