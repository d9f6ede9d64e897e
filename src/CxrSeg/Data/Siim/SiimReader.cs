using System.Globalization;
using CxrSeg.Data.Csv;

namespace CxrSeg.Data.Siim;

/// <summary>
/// Reads SIIM-FISABIO-RSNA (DATASETS.md §3): train_image_level.csv (boxes parsed by <see cref="PythonLiteral"/>, label
/// strings checked), train_study_level.csv joined by StudyInstanceUID, DICOMs found at train/&lt;study&gt;/&lt;series&gt;/&lt;sop&gt;.dcm.
/// Rows that cannot be used become warnings naming the row and field.
/// </summary>
public static class SiimReader
{
    /// <summary>Reads the dataset at <paramref name="root"/>.</summary>
    public static SiimDataset Read(string root)
    {
        if (!Directory.Exists(root)) throw new UserFacingException($"SIIM source folder not found: {root}");
        var imageCsv = Path.Combine(root, "train_image_level.csv");
        var studyCsv = Path.Combine(root, "train_study_level.csv");
        if (!File.Exists(imageCsv)) throw new UserFacingException($"{root} is not a SIIM folder: train_image_level.csv not found");
        if (!File.Exists(studyCsv)) throw new UserFacingException($"{root} is not a SIIM folder: train_study_level.csv not found");
        var warnings = new List<string>();
        var studies = ReadStudies(studyCsv, warnings);
        var dicoms = IndexDicoms(root, Path.Combine(root, "train"), warnings);
        var t = CsvTable.Read(imageCsv, required: ["id", "boxes", "label", "StudyInstanceUID"]);
        warnings.AddRange(t.Malformed.Select(m => $"skipped malformed row: {m}"));
        var records = new List<SiimRecord>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in t.Rows)
        {
            var id = row["id"];
            var sop = id.EndsWith("_image", StringComparison.Ordinal) ? id[..^6] : id;
            var study = row["StudyInstanceUID"];
            if (sop.Length == 0 || study.Length == 0) { warnings.Add($"{row.Where}: empty id or StudyInstanceUID, row skipped"); continue; }
            if (!seen.TryAdd(sop, row.Where)) { warnings.Add($"{row.Where}: field 'id' {id} repeats {seen[sop]}; the first row is kept, this one skipped"); continue; }
            IReadOnlyList<SiimBox> boxes;
            try { boxes = SiimBoxParser.ParseBoxes(row["boxes"]); }
            catch (FormatException e) { warnings.Add($"{row.Where}: field 'boxes': {e.Message}; row skipped"); continue; }
            try
            {
                var label = SiimBoxParser.ParseLabel(row["label"]);
                int opac = label.Count(l => l.Kind == "opacity");
                if (opac != boxes.Count) warnings.Add($"{row.Where}: label has {opac} opacity box(es) but boxes has {boxes.Count}; boxes used");
            }
            catch (FormatException e) { warnings.Add($"{row.Where}: field 'label': {e.Message} (boxes still used)"); }
            if (!studies.TryGetValue(study, out var cls)) { warnings.Add($"{row.Where}: study {study} has no row in train_study_level.csv, row skipped"); continue; }
            dicoms.TryGetValue(sop, out var path);
            records.Add(new SiimRecord(sop, study, path, cls, boxes, row.Where));
        }
        return new SiimDataset(root, records, warnings);
    }

    private static Dictionary<string, int> ReadStudies(string path, List<string> warnings)
    {
        var t = CsvTable.Read(path, required: ["id", .. SiimStudyClasses.All]);
        warnings.AddRange(t.Malformed.Select(m => $"skipped malformed row: {m}"));
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in t.Rows)
        {
            var id = row["id"];
            var study = id.EndsWith("_study", StringComparison.Ordinal) ? id[..^6] : id;
            var ones = new List<int>();
            bool bad = false;
            for (int c = 0; c < SiimStudyClasses.All.Count; c++)
            {
                var s = row[SiimStudyClasses.All[c]];
                if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || v is not (0 or 1))
                { warnings.Add($"{row.Where}: field '{SiimStudyClasses.All[c]}' = '{s}' is not 0 or 1, study skipped"); bad = true; break; }
                if (v == 1) ones.Add(c);
            }
            if (bad) continue;
            if (ones.Count != 1) { warnings.Add($"{row.Where}: study {study} has {ones.Count} classes set (exactly one expected), skipped"); continue; }
            map[study] = ones[0];
        }
        return map;
    }

    private static Dictionary<string, string> IndexDicoms(string root, string trainDir, List<string> warnings)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!Directory.Exists(trainDir)) return map;
        var realRoot = Platform.RealPath.Of(root) ?? Path.GetFullPath(root);
        foreach (var f in Directory.EnumerateFiles(trainDir, "*.dcm", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            // a link to a file outside the dataset is never read (not by prepare, not by stats)
            if (Platform.RealPath.Of(f) is { } real && !Platform.RealPath.IsInside(realRoot, real))
            { warnings.Add($"{Path.GetRelativePath(root, f)} is a link to a file outside the dataset folder, not used"); continue; }
            map.TryAdd(Path.GetFileNameWithoutExtension(f), f);
        }
        return map;
    }
}
