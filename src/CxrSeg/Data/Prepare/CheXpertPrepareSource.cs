using CxrSeg.Data.Cache;
using CxrSeg.Data.CheXpert;
using CxrSeg.Data.ImageFiles;
using CxrSeg.Data.Images;
using CxrSeg.Data.Splits;

namespace CxrSeg.Data.Prepare;

/// <summary>CheXpert for <c>prepare</c>: 14 labels after the uncertainty policy, 70/15/15 split by patient.</summary>
public sealed class CheXpertPrepareSource : IPrepareSource
{
    private readonly CheXpertDataset _ds;
    private readonly IReadOnlyList<CheXpertRecord> _records;
    private readonly UncertaintyPolicy _policy;

    /// <summary>Reads train.csv/valid.csv under <paramref name="root"/>.</summary>
    public CheXpertPrepareSource(string root, UncertaintyPolicy policy, CheXpertViewFilter views, int limit = 0)
    {
        _ds = CheXpertReader.Read(root, views);
        _records = limit > 0 ? _ds.Records.Take(limit).ToArray() : _ds.Records;
        _policy = policy;
    }

    /// <inheritdoc />
    public string Name => "chexpert";
    /// <inheritdoc />
    public IReadOnlyList<string> ClassNames => CheXpertLabels.All;
    /// <inheritdoc />
    public TargetKind Target => TargetKind.Labels;
    /// <inheritdoc />
    public int Count => _records.Count;
    /// <inheritdoc />
    public IReadOnlyList<string> Warnings => _ds.Warnings;
    /// <inheritdoc />
    public IReadOnlyDictionary<string, object> Facts => new Dictionary<string, object>
    {
        ["lateralsLeftOut"] = _ds.LateralsDropped,
        ["uncertainty"] = _policy.ToString(),
        ["uncertainToOne"] = CheXpertLabels.All.Where((_, i) => CheXpertRecord.UncertainIsPositive(_policy, i)).ToArray(),
    };
    /// <inheritdoc />
    public string ItemId(int index) => _records[index].RelativePath;
    /// <inheritdoc />
    public string ItemSource(int index) => _ds.ImagePath(_records[index]);

    /// <inheritdoc />
    public PreparedItem Load(int index, int size)
    {
        var r = _records[index];
        var grey = GreyImageLoader.Load(_ds.ImageFile(r));
        var labels = r.Targets(_policy);
        var ones = Enumerable.Repeat((byte)1, labels.Length).ToArray();
        return new PreparedItem(r.RelativePath, r.PatientId, new Letterbox(grey.Width, grey.Height, size).Apply(grey), null, labels,
            ones, labels.Select(l => l > 0.5f ? (byte)1 : (byte)0).ToArray());
    }

    /// <inheritdoc />
    public (DatasetSplits Splits, IReadOnlyDictionary<string, object> Facts) Split(IReadOnlyList<PreparedItem> items, int seed)
    {
        var s = PatientSplitter.Split(items.Select(i => i.PatientId).ToArray(), seed);
        return (s, new Dictionary<string, object> { ["patients"] = items.Select(i => i.PatientId).Distinct().Count() });
    }
}
