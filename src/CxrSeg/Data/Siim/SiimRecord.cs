namespace CxrSeg.Data.Siim;

/// <summary>One SIIM image row joined with its study class (index into <see cref="SiimStudyClasses.All"/>) and its DICOM path (null when not found).</summary>
public sealed record SiimRecord(string SopInstanceUid, string StudyInstanceUid, string? DicomPath, int StudyClass, IReadOnlyList<SiimBox> Boxes, string Where);
