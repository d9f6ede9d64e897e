namespace CxrSeg.Data.Nih14;

/// <summary>One image of the <c>chestxdet</c> segmentation set.</summary>
/// <param name="Id">The NIH image name (or ChestX-Det's own file name when no mapping names it).</param>
/// <param name="ImagePath">The image file.</param>
/// <param name="PatientId">NIH's Patient ID when Data_Entry_2017.csv lists the image, else the image name.</param>
/// <param name="Shapes">The findings drawn on it.</param>
/// <param name="Labelled">Per channel, whether the image was annotated for that class (ChestX-Det: its 13; NIH boxes: their labels).</param>
/// <param name="Error">Why the item cannot be used (file and entry named), or null.</param>
public sealed record ChestXDetItem(string Id, string ImagePath, string PatientId, IReadOnlyList<ChestXDetShape> Shapes, byte[] Labelled, string? Error);
