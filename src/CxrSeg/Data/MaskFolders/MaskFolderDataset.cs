namespace CxrSeg.Data.MaskFolders;

/// <summary>A dataset of images with one binary mask file per class (JSRT, or a user's own masks).</summary>
/// <param name="Name">Dataset kind ("jsrt", "masks").</param>
/// <param name="Root">The dataset folder.</param>
/// <param name="ClassNames">Mask channels in order.</param>
/// <param name="Items">Images in a stable order.</param>
/// <param name="Warnings">Quirks met while indexing (files without an image, images without any mask, …).</param>
public sealed record MaskFolderDataset(string Name, string Root, IReadOnlyList<string> ClassNames, IReadOnlyList<MaskFolderItem> Items, IReadOnlyList<string> Warnings);
