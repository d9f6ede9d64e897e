namespace CxrSeg.Data.MaskFolders;

/// <summary>One image of a mask-folder dataset with its mask file per class (null: that class is not annotated on it).</summary>
/// <param name="Id">Stable id (the image's path under the images folder, '/'-separated).</param>
/// <param name="PatientId">Patient for splitting (the image's own name unless a patients.csv says otherwise).</param>
/// <param name="ImagePath">The image file.</param>
/// <param name="MaskPaths">Per class, the mask file or null.</param>
public sealed record MaskFolderItem(string Id, string PatientId, string ImagePath, IReadOnlyList<string?> MaskPaths);
