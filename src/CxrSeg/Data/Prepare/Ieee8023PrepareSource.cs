using System.Security.Cryptography;
using CxrSeg.Data.Cache;
using CxrSeg.Data.Ieee8023;
using CxrSeg.Data.ImageFiles;
using CxrSeg.Data.Images;
using CxrSeg.Data.Splits;

namespace CxrSeg.Data.Prepare;

/// <summary>
/// The COVID-19 image data collection for <c>prepare</c>: one label per finding token found in the data, images
/// labelled "todo" kept with every class unlabelled (so an autoencoder or a masked loss can still use them), 70/15/15
/// split by patient, where patients whose prepared images are identical are merged first (the same picture filed
/// under two cases upstream).
/// </summary>
public sealed class Ieee8023PrepareSource : IPrepareSource
{
    private readonly Ieee8023Dataset _ds;
    private readonly IReadOnlyList<Ieee8023Record> _records;
    private readonly Dictionary<string, int> _classIndex;

    /// <summary>Reads <c>metadata.csv</c> under <paramref name="root"/>.</summary>
    public Ieee8023PrepareSource(string root, bool allViews, int limit = 0)
    {
        _ds = Ieee8023Reader.Read(root, allViews);
        _records = limit > 0 ? _ds.Records.Take(limit).ToArray() : _ds.Records;
        _classIndex = _ds.Classes.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i, StringComparer.Ordinal);
    }

    /// <inheritdoc />
    public string Name => "ieee8023";
    /// <inheritdoc />
    public IReadOnlyList<string> ClassNames => _ds.Classes;
    /// <inheritdoc />
    public TargetKind Target => TargetKind.Labels;
    /// <inheritdoc />
    public int Count => _records.Count;
    /// <inheritdoc />
    public IReadOnlyList<string> Warnings => _ds.Warnings;
    /// <inheritdoc />
    public IReadOnlyDictionary<string, object> Facts => new Dictionary<string, object>
    {
        ["leftOut"] = _ds.LeftOut,
        ["unlabelledTodo"] = _ds.Records.Count(r => r.Error is null && r.Findings is null),
    };
    /// <inheritdoc />
    public string ItemId(int index) => _records[index].FileName;
    /// <inheritdoc />
    public string ItemSource(int index) => _records[index].ImagePath;

    /// <inheritdoc />
    public PreparedItem Load(int index, int size)
    {
        var r = _records[index];
        if (r.Error is not null) throw new UserFacingException(r.Error);
        var grey = GreyImageLoader.Load(r.ImagePath);
        var c = ClassNames.Count;
        var labels = new float[c];
        foreach (var f in r.Findings ?? []) labels[_classIndex[f]] = 1f;
        var labelled = Enumerable.Repeat(r.Findings is null ? (byte)0 : (byte)1, c).ToArray();
        return new PreparedItem(r.FileName, r.PatientId, new Letterbox(grey.Width, grey.Height, size).Apply(grey), null, labels, labelled,
            labels.Select(l => l > 0.5f ? (byte)1 : (byte)0).ToArray());
    }

    /// <inheritdoc />
    public (DatasetSplits Splits, IReadOnlyDictionary<string, object> Facts) Split(IReadOnlyList<PreparedItem> items, int seed)
    {
        // Identical prepared images under different patients: one patient group (the smallest id).
        var byPixels = new Dictionary<string, string>(StringComparer.Ordinal);
        var rename = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var hash = item.PixelHash ?? Convert.ToHexString(SHA256.HashData(item.Image));
            if (!byPixels.TryAdd(hash, item.PatientId) && byPixels[hash] != item.PatientId)
            {
                var (keep, drop) = string.CompareOrdinal(byPixels[hash], item.PatientId) <= 0 ? (byPixels[hash], item.PatientId) : (item.PatientId, byPixels[hash]);
                rename[drop] = keep;
            }
        }
        string Group(string p) { while (rename.TryGetValue(p, out var q)) p = q; return p; }
        var patients = items.Select(i => Group(i.PatientId)).ToArray();
        var s = PatientSplitter.Split(patients, seed);
        return (s, new Dictionary<string, object> { ["patients"] = patients.Distinct().Count(), ["patientsMergedByIdenticalImages"] = rename.Count });
    }
}
