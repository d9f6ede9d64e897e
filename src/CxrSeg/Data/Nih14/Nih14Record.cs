namespace CxrSeg.Data.Nih14;

/// <summary>One Data_Entry_2017.csv row whose image exists.</summary>
/// <param name="ImageIndex">The image's file name (NIH's "Image Index").</param>
/// <param name="ImagePath">The image file found for it.</param>
/// <param name="PatientId">NIH's "Patient ID".</param>
/// <param name="View">"PA" or "AP".</param>
/// <param name="Labels">0/1 per <see cref="Nih14Labels.All"/>; null when the row is bad (see <paramref name="Error"/>).</param>
/// <param name="Error">Why the row cannot be used (file and line named), or null.</param>
public sealed record Nih14Record(string ImageIndex, string ImagePath, string PatientId, string View, float[]? Labels, string? Error);
