using CxrSeg.Data.Cache;
using CxrSeg.Data.Dicom;
using CxrSeg.Data.Images;
using CxrSeg.Data.Siim;
using CxrSeg.Data.Splits;

namespace CxrSeg.Data.Prepare;

/// <summary>SIIM for <c>prepare</c>: DICOM display pipeline, boxes as masks (study class or one opacity channel), 70/15/15 split by PatientID.</summary>
public sealed class SiimPrepareSource : IPrepareSource
{
    private readonly SiimDataset _ds;
    private readonly IReadOnlyList<SiimRecord> _records;
    private readonly SiimMaskMode _mode;
    private readonly PseudonymKey _key;

    /// <summary>Reads the CSVs and indexes the DICOMs under <paramref name="root"/>; PatientIDs are replaced by pseudonyms keyed with <paramref name="key"/>.</summary>
    public SiimPrepareSource(string root, SiimMaskMode mode, PseudonymKey key, int limit = 0)
    {
        _key = key;
        _ds = SiimReader.Read(root);
        _records = limit > 0 ? _ds.Records.Take(limit).ToArray() : _ds.Records;
        _mode = mode;
    }

    /// <inheritdoc />
    public string Name => "siim";
    /// <inheritdoc />
    public IReadOnlyList<string> ClassNames => _mode == SiimMaskMode.StudyClass ? SiimStudyClasses.MaskChannels : [SiimStudyClasses.Opacity];
    /// <inheritdoc />
    public TargetKind Target => TargetKind.Mask;
    /// <inheritdoc />
    public int Count => _records.Count;
    /// <inheritdoc />
    public IReadOnlyList<string> Warnings => _ds.Warnings;
    /// <inheritdoc />
    public IReadOnlyDictionary<string, object> Facts => new Dictionary<string, object>
    {
        ["masks"] = _mode.ToString(),
        ["boxes"] = _records.Sum(r => r.Boxes.Count),
        ["imagesWithBoxes"] = _records.Count(r => r.Boxes.Count > 0),
    };
    /// <inheritdoc />
    public string ItemId(int index) => _records[index].SopInstanceUid;
    /// <inheritdoc />
    public string ItemSource(int index) => _records[index].DicomPath ?? $"train/{_records[index].StudyInstanceUid}/*/{_records[index].SopInstanceUid}.dcm";

    /// <inheritdoc />
    public PreparedItem Load(int index, int size)
    {
        var r = _records[index];
        if (r.DicomPath is null) throw new UserFacingException($"DICOM for {r.SopInstanceUid} ({r.Where}) not found under train/{r.StudyInstanceUid}/");
        DatasetPath.RequireInside(_ds.Root, r.DicomPath, $"{r.Where}: DICOM {r.SopInstanceUid}");
        var pixels = DicomDecoder.Read(r.DicomPath);
        var (grey, _) = DicomDisplay.Apply(pixels);
        var patient = DicomDecoder.ReadPatientId(r.DicomPath);
        if (string.IsNullOrEmpty(patient)) throw new UserFacingException($"{r.DicomPath} has no PatientID (0010,0020): cannot split by patient");
        var box = new Letterbox(grey.Width, grey.Height, size);
        int channels = ClassNames.Count, channel = _mode == SiimMaskMode.StudyClass ? r.StudyClass : 0, sq = size * size;
        var mask = new byte[channels * sq];
        var present = new byte[channels];
        foreach (var b in r.Boxes)
        {
            var (x0, y0, x1, y1) = b.Clip(grey.Width, grey.Height);
            if (x1 <= x0 || y1 <= y0) continue;
            present[channel] = 1;
            var plane = mask.AsSpan(channel * sq, sq);
            for (int ty = 0; ty < box.ContentHeight; ty++)
            {
                int sy = Math.Min(grey.Height - 1, (int)((ty + 0.5) * grey.Height / box.ContentHeight));
                if (sy < y0 || sy >= y1) continue;
                for (int tx = 0; tx < box.ContentWidth; tx++)
                {
                    int sx = Math.Min(grey.Width - 1, (int)((tx + 0.5) * grey.Width / box.ContentWidth));
                    if (sx >= x0 && sx < x1) plane[(ty + box.OffsetY) * size + tx + box.OffsetX] = 1;
                }
            }
        }
        return new PreparedItem(r.SopInstanceUid, _key.Pseudonym(patient), box.Apply(grey), mask, null, Enumerable.Repeat((byte)1, channels).ToArray(), present);
    }

    /// <inheritdoc />
    public (DatasetSplits Splits, IReadOnlyDictionary<string, object> Facts) Split(IReadOnlyList<PreparedItem> items, int seed)
    {
        // Pseudonyms are keyed per workspace: order patients by their first image (the CSV's order), not by pseudonym,
        // so the same data and seed give the same split in every workspace.
        var s = PatientSplitter.Split(items.Select(i => i.PatientId).ToArray(), seed, inItemOrder: true);
        return (s, new Dictionary<string, object> { ["patients"] = items.Select(i => i.PatientId).Distinct().Count() });
    }
}
