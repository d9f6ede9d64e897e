using CxrSeg.Data.Cache;
using CxrSeg.Data.ImageFiles;
using CxrSeg.Data.Images;
using CxrSeg.Data.Nih14;

namespace CxrSeg.Data.Prepare;

/// <summary>NIH ChestX-ray14 for <c>prepare</c>: 14 multi-labels (no uncertain values), 70/15/15 split by patient.</summary>
public sealed class Nih14PrepareSource : IPrepareSource
{
    private readonly string _root;
    private readonly Nih14Dataset _ds;
    private readonly IReadOnlyList<Nih14Record> _records;

    /// <summary>Reads Data_Entry_2017.csv and the images under <paramref name="root"/>.</summary>
    public Nih14PrepareSource(string root, int limit = 0)
    {
        _root = root;
        _ds = Nih14Reader.Read(root);
        _records = limit > 0 ? _ds.Records.Take(limit).ToArray() : _ds.Records;
    }

    /// <inheritdoc />
    public string Name => "nih14";
    /// <inheritdoc />
    public IReadOnlyList<string> ClassNames => Nih14Labels.All;
    /// <inheritdoc />
    public TargetKind Target => TargetKind.Labels;
    /// <inheritdoc />
    public int Count => _records.Count;
    /// <inheritdoc />
    public IReadOnlyList<string> Warnings => _ds.Warnings;
    /// <inheritdoc />
    public IReadOnlyDictionary<string, object> Facts => new Dictionary<string, object>
    {
        ["rowsWithoutImage"] = _ds.RowsWithoutImage,
        ["noFinding"] = _ds.Records.Count(r => r.Labels is { } l && l.All(v => v == 0)),
    };
    /// <inheritdoc />
    public string ItemId(int index) => _records[index].ImageIndex;
    /// <inheritdoc />
    public string ItemSource(int index) => _records[index].ImagePath;

    /// <inheritdoc />
    public PreparedItem Load(int index, int size)
    {
        var r = _records[index];
        if (r.Error is not null || r.Labels is null) throw new UserFacingException(r.Error ?? $"{r.ImageIndex}: no labels");
        DatasetPath.RequireInside(_root, r.ImagePath, r.ImageIndex);
        var grey = GreyImageLoader.Load(r.ImagePath);
        var ones = Enumerable.Repeat((byte)1, r.Labels.Length).ToArray();
        return new PreparedItem(r.ImageIndex, "nih-" + r.PatientId, new Letterbox(grey.Width, grey.Height, size).Apply(grey), null, r.Labels,
            ones, r.Labels.Select(l => l > 0.5f ? (byte)1 : (byte)0).ToArray());
    }

    /// <inheritdoc />
    public (DatasetSplits Splits, IReadOnlyDictionary<string, object> Facts) Split(IReadOnlyList<PreparedItem> items, int seed) =>
        PatientSplit.Of(items, seed);
}
