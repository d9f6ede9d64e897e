namespace CxrSeg.Data.Ieee8023;

/// <summary>One image of the COVID-19 image data collection.</summary>
/// <param name="FileName">The image's name under its folder (the item id).</param>
/// <param name="ImagePath">The image file (decoded by content: some ".jpg" files hold PNG data).</param>
/// <param name="PatientId">The patient group for splitting: ids listed for the same file are merged.</param>
/// <param name="View">The view column (PA, AP, AP Supine, L, …).</param>
/// <param name="Findings">The finding's tokens (split on ',' and '/'); empty for "No Finding"; null when not yet labelled ("todo").</param>
/// <param name="Error">Why the row cannot be used (file and line named), or null.</param>
public sealed record Ieee8023Record(string FileName, string ImagePath, string PatientId, string View, IReadOnlyList<string>? Findings, string? Error);
