namespace CxrSeg.Data.Ccxs;

/// <summary>One CCXS image: file name under images/, patient, declared resolution and its regions.</summary>
public sealed record CcxsImage(string FileName, string PatientId, int Width, int Height, IReadOnlyList<CcxsRegion> Regions)
{
    /// <summary>Classes with at least one region whose mask is missing: unlabelled for this image.</summary>
    public IEnumerable<int> UnlabelledClasses => Regions.Where(r => r.MaskFile is null).Select(r => r.ClassIndex).Distinct();

    /// <summary>Classes with at least one drawn mask.</summary>
    public IEnumerable<int> DrawnClasses => Regions.Where(r => r.MaskFile is not null).Select(r => r.ClassIndex).Distinct();
}
