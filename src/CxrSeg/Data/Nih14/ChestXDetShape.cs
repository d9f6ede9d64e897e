namespace CxrSeg.Data.Nih14;

/// <summary>One annotated finding: a filled polygon or a box, in the 1024×1024 pixel space of NIH's PNGs.</summary>
/// <param name="ClassIndex">Channel in <see cref="ChestXDetClasses.All"/>.</param>
/// <param name="Points">Polygon vertices (x, y); a box is given as its four corners.</param>
/// <param name="Source">"chestxdet" or "nih-box".</param>
public sealed record ChestXDetShape(int ClassIndex, IReadOnlyList<(double X, double Y)> Points, string Source);
