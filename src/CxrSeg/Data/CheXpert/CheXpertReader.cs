using System.Globalization;
using System.Text.RegularExpressions;
using CxrSeg.Data.Csv;

namespace CxrSeg.Data.CheXpert;

/// <summary>
/// Reads CheXpert's train.csv and valid.csv (DATASETS.md §2): header with spaces or underscores, paths resolved from
/// their <c>CheXpert-v1.0*</c> segment (absolute prefixes dropped), patient id from <c>patient(\d+)</c>, label values
/// 1 / 0 / −1 / empty, and the view filter (frontal only by default). Bad rows become warnings.
/// </summary>
public static partial class CheXpertReader
{
    [GeneratedRegex(@"patient(\d+)")]
    private static partial Regex PatientRegex();

    /// <summary>Normalises a header name: underscores → spaces, trimmed.</summary>
    public static string NormaliseHeader(string name) => name.Trim().Replace('_', ' ');

    /// <summary>Reads every CSV among train.csv / valid.csv found in <paramref name="root"/> or its CheXpert-v1.0* sub-folder.</summary>
    public static CheXpertDataset Read(string root, CheXpertViewFilter view = CheXpertViewFilter.Frontal)
    {
        var csvDir = FindCsvDir(root);
        var baseDir = Path.GetDirectoryName(Path.GetFullPath(csvDir).TrimEnd(Path.DirectorySeparatorChar)) ?? root;
        bool csvInside = Path.GetFileName(Path.GetFullPath(csvDir).TrimEnd(Path.DirectorySeparatorChar)).StartsWith("CheXpert-v1.0", StringComparison.Ordinal);
        var datasetRoot = csvInside ? baseDir : Path.GetFullPath(csvDir);
        var records = new List<CheXpertRecord>();
        var warnings = new List<string>();
        int laterals = 0;
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var split in new[] { "train", "valid" })
        {
            var path = Path.Combine(csvDir, split + ".csv");
            if (!File.Exists(path)) { if (split == "train") warnings.Add($"{path} not found"); continue; }
            var required = new[] { "Path", "Frontal/Lateral" }.Concat(CheXpertLabels.All);
            var t = CsvTable.Read(path, NormaliseHeader, required);
            warnings.AddRange(t.Malformed.Select(m => $"skipped malformed row: {m}"));
            foreach (var row in t.Rows)
            {
                var rec = ParseRow(row, split, warnings);
                if (rec is null) continue;
                if (!seen.TryAdd(rec.RelativePath, row.Where)) { warnings.Add($"{row.Where}: field 'Path' repeats {seen[rec.RelativePath]}; the first row is kept, this one skipped"); continue; }
                if (!rec.Frontal && view == CheXpertViewFilter.Frontal) { laterals++; continue; }
                records.Add(rec);
            }
        }
        if (records.Count == 0 && laterals == 0) throw new UserFacingException($"no CheXpert rows found under {root} (expected train.csv/valid.csv)");
        return new CheXpertDataset(datasetRoot, records, laterals, warnings);
    }

    /// <summary>Parses one row, or adds a warning naming the row and field and returns null.</summary>
    public static CheXpertRecord? ParseRow(CsvRow row, string split, List<string> warnings)
    {
        var rel = RelativePath(row["Path"]);
        if (rel is null) { warnings.Add($"{row.Where}: Path '{row["Path"]}' has no CheXpert-v1.0* segment, row skipped"); return null; }
        if (rel.Split('/').Any(p => p is ".." or "." || p.Contains('\0')))
        { warnings.Add($"{row.Where}: field 'Path' '{row["Path"]}' climbs out with '..' (only paths inside the dataset folder are read), row skipped"); return null; }
        var m = PatientRegex().Match(rel);
        if (!m.Success) { warnings.Add($"{row.Where}: Path '{rel}' has no patient number, row skipped"); return null; }
        var fl = row["Frontal/Lateral"];
        bool frontal = fl.Equals("Frontal", StringComparison.OrdinalIgnoreCase);
        if (!frontal && !fl.Equals("Lateral", StringComparison.OrdinalIgnoreCase))
        { warnings.Add($"{row.Where}: Frontal/Lateral '{fl}' is neither Frontal nor Lateral, row skipped"); return null; }
        var raw = new float?[CheXpertLabels.All.Count];
        for (int i = 0; i < raw.Length; i++)
        {
            var s = row[CheXpertLabels.All[i]];
            if (s.Length == 0) continue;
            if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !(v is 1.0 or 0.0 or -1.0))
            { warnings.Add($"{row.Where}: field '{CheXpertLabels.All[i]}' = '{s}' is not 1, 0, -1 or empty, row skipped"); return null; }
            raw[i] = (float)v;
        }
        return new CheXpertRecord(rel, m.Groups[1].Value, frontal, split, raw);
    }

    /// <summary>The path from its <c>CheXpert-v1.0*</c> segment on ('/' separators), or null.</summary>
    public static string? RelativePath(string path)
    {
        var parts = path.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        int i = Array.FindIndex(parts, p => p.StartsWith("CheXpert-v1.0", StringComparison.Ordinal));
        return i < 0 ? null : string.Join('/', parts[i..]);
    }

    private static string FindCsvDir(string root)
    {
        if (!Directory.Exists(root)) throw new UserFacingException($"CheXpert source folder not found: {root}");
        if (File.Exists(Path.Combine(root, "train.csv")) || File.Exists(Path.Combine(root, "valid.csv"))) return root;
        foreach (var d in Directory.EnumerateDirectories(root, "CheXpert-v1.0*").Order(StringComparer.Ordinal))
            if (File.Exists(Path.Combine(d, "train.csv")) || File.Exists(Path.Combine(d, "valid.csv"))) return d;
        throw new UserFacingException($"{root} holds no train.csv/valid.csv (looked in it and in its CheXpert-v1.0* folders)");
    }
}
