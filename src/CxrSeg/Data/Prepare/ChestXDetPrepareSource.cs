using CxrSeg.Data.Cache;
using CxrSeg.Data.ImageFiles;
using CxrSeg.Data.Images;
using CxrSeg.Data.Nih14;

namespace CxrSeg.Data.Prepare;

/// <summary>
/// The <c>chestxdet</c> segmentation set for <c>prepare</c>: ChestX-Det polygons filled and NIH boxes as rectangles, one
/// channel per <see cref="ChestXDetClasses.All"/>, each image labelled for the classes its source annotates, 70/15/15
/// split by patient. Coordinates are scaled from NIH's 1024-pixel space to the image on disk, then letterboxed.
/// </summary>
public sealed class ChestXDetPrepareSource : IPrepareSource
{
    private readonly string _root;
    private readonly IReadOnlyList<ChestXDetItem> _all;
    private readonly IReadOnlyList<ChestXDetItem> _items;

    /// <summary>Reads the annotations under an NIH folder.</summary>
    public ChestXDetPrepareSource(string root, int limit = 0)
    {
        _root = root;
        _all = ChestXDetReader.Read(root, out var warnings);
        Warnings = warnings;
        _items = limit > 0 ? _all.Take(limit).ToArray() : _all;
    }

    /// <inheritdoc />
    public string Name => "chestxdet";
    /// <inheritdoc />
    public IReadOnlyList<string> ClassNames => ChestXDetClasses.All;
    /// <inheritdoc />
    public TargetKind Target => TargetKind.Mask;
    /// <inheritdoc />
    public int Count => _items.Count;
    /// <inheritdoc />
    public IReadOnlyList<string> Warnings { get; }
    /// <inheritdoc />
    public IReadOnlyDictionary<string, object> Facts => new Dictionary<string, object>
    {
        ["polygons"] = _all.Sum(i => i.Shapes.Count(s => s.Source == "chestxdet")),
        ["nihBoxes"] = _all.Sum(i => i.Shapes.Count(s => s.Source == "nih-box")),
        ["annotationSpace"] = ChestXDetReader.AnnotationSpace,
    };
    /// <inheritdoc />
    public string ItemId(int index) => _items[index].Id;
    /// <inheritdoc />
    public string ItemSource(int index) => _items[index].ImagePath;

    /// <inheritdoc />
    public PreparedItem Load(int index, int size)
    {
        var item = _items[index];
        if (item.Error is not null) throw new UserFacingException(item.Error);
        DatasetPath.RequireInside(_root, item.ImagePath, item.Id);
        var grey = GreyImageLoader.Load(item.ImagePath);
        var box = new Letterbox(grey.Width, grey.Height, size);
        int channels = ClassNames.Count, sq = size * size;
        var mask = new byte[channels * sq];
        var present = new byte[channels];
        double sx = grey.Width / ChestXDetReader.AnnotationSpace, sy = grey.Height / ChestXDetReader.AnnotationSpace;
        foreach (var shape in item.Shapes)
        {
            var points = shape.Points.Select(p => box.ToTarget(p.X * sx, p.Y * sy)).ToList();
            var plane = mask.AsSpan(shape.ClassIndex * sq, sq);
            PolygonRasteriser.Fill(plane, size, points);
            if (plane.IndexOf((byte)1) >= 0) present[shape.ClassIndex] = 1;
        }
        return new PreparedItem(item.Id, item.PatientId, box.Apply(grey), mask, null, (byte[])item.Labelled.Clone(), present);
    }

    /// <inheritdoc />
    public (DatasetSplits Splits, IReadOnlyDictionary<string, object> Facts) Split(IReadOnlyList<PreparedItem> items, int seed) =>
        PatientSplit.Of(items, seed);
}
