namespace CxrSeg.Data.CheXpert;

/// <summary>The CheXpert rows kept after the view filter, with counts of what was left out.</summary>
public sealed record CheXpertDataset(string Root, IReadOnlyList<CheXpertRecord> Records, int LateralsDropped, IReadOnlyList<string> Warnings)
{
    /// <summary>Full path of a record's image.</summary>
    public string ImagePath(CheXpertRecord r) => Path.Combine(Root, r.RelativePath);

    /// <summary>The image file to read: checked to lie inside the dataset folder, links followed.</summary>
    public string ImageFile(CheXpertRecord r) => DatasetPath.Resolve(Root, r.RelativePath, $"{r.Split}.csv Path '{r.RelativePath}'");
}
