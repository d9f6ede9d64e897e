using CxrSeg.Data.Cache;
using CxrSeg.Data.ImageFiles;
using CxrSeg.Data.Images;
using CxrSeg.Data.MaskFolders;

namespace CxrSeg.Data.Prepare;

/// <summary>
/// A mask-folder dataset (JSRT, or the bring-your-own-masks layout) for <c>prepare</c>: one channel per class, each
/// image's labelled flags saying which classes have a mask file for it, 70/15/15 split by patient.
/// </summary>
public sealed class MaskFolderPrepareSource : IPrepareSource
{
    private readonly MaskFolderDataset _ds;
    private readonly IReadOnlyList<MaskFolderItem> _items;

    /// <summary>Wraps an indexed dataset; <paramref name="limit"/> keeps the first N items (0 = all).</summary>
    public MaskFolderPrepareSource(MaskFolderDataset dataset, int limit = 0)
    {
        _ds = dataset;
        _items = limit > 0 ? dataset.Items.Take(limit).ToArray() : dataset.Items;
    }

    /// <inheritdoc />
    public string Name => _ds.Name;
    /// <inheritdoc />
    public IReadOnlyList<string> ClassNames => _ds.ClassNames;
    /// <inheritdoc />
    public TargetKind Target => TargetKind.Mask;
    /// <inheritdoc />
    public int Count => _items.Count;
    /// <inheritdoc />
    public IReadOnlyList<string> Warnings => _ds.Warnings;
    /// <inheritdoc />
    public IReadOnlyDictionary<string, object> Facts => new Dictionary<string, object>
    {
        ["imagesInIndex"] = _ds.Items.Count,
        ["maskFiles"] = _ds.Items.Sum(i => i.MaskPaths.Count(p => p is not null)),
        ["unlabelledImageClassPairs"] = _ds.Items.Sum(i => i.MaskPaths.Count(p => p is null)),
    };
    /// <inheritdoc />
    public string ItemId(int index) => _items[index].Id;
    /// <inheritdoc />
    public string ItemSource(int index) => _items[index].ImagePath;

    /// <inheritdoc />
    public PreparedItem Load(int index, int size)
    {
        var item = _items[index];
        DatasetPath.RequireInside(_ds.Root, item.ImagePath, item.Id);
        var grey = GreyImageLoader.Load(item.ImagePath);
        var box = new Letterbox(grey.Width, grey.Height, size);
        int channels = ClassNames.Count, sq = size * size;
        var mask = new byte[channels * sq];
        var labelled = new byte[channels];
        var present = new byte[channels];
        for (var c = 0; c < channels; c++)
        {
            if (item.MaskPaths[c] is not { } path) continue;
            DatasetPath.RequireInside(_ds.Root, path, item.Id);
            var plane = BinaryMaskFile.Read(path, grey.Width, grey.Height);
            labelled[c] = 1;
            present[c] = plane.AsSpan().IndexOf((byte)1) >= 0 ? (byte)1 : (byte)0;
            box.ApplyMask(plane, mask.AsSpan(c * sq, sq));
        }
        return new PreparedItem(item.Id, item.PatientId, box.Apply(grey), mask, null, labelled, present);
    }

    /// <inheritdoc />
    public (DatasetSplits Splits, IReadOnlyDictionary<string, object> Facts) Split(IReadOnlyList<PreparedItem> items, int seed) =>
        PatientSplit.Of(items, seed);
}
