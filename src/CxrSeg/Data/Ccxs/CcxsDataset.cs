namespace CxrSeg.Data.Ccxs;

/// <summary>The parsed CCXS index (structure.csv + metadata.csv) and the quirks met while reading it.</summary>
public sealed record CcxsDataset(string Root, IReadOnlyList<CcxsImage> Images, IReadOnlyList<string> Warnings)
{
    /// <summary>Full path of an image file.</summary>
    public string ImagePath(CcxsImage image) => Path.Combine(Root, "images", image.FileName);

    /// <summary>The image file to read: checked to lie inside the dataset folder, links followed.</summary>
    public string ImageFile(CcxsImage image) => DatasetPath.Resolve(Root, image.FileName, $"structure.csv Filename '{image.FileName}'", "images");

    /// <summary>Full path of a region's mask.</summary>
    public string MaskPath(CcxsRegion region) => Path.Combine(Root, region.MaskFile!);

    /// <summary>The mask file to read: checked to lie inside the dataset folder, links followed.</summary>
    public string MaskFile(CcxsRegion region) => DatasetPath.Resolve(Root, region.MaskFile!, $"{region.Where}: field 'Mask'");
}
