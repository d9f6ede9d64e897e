using CxrSeg.Data.Csv;

namespace CxrSeg.Data.Ieee8023;

/// <summary>
/// Reads the COVID-19 image data collection's <c>metadata.csv</c> (DATASETS.md §7): X-ray rows only; frontal views
/// (PA, AP, AP Supine, AP Erect) unless all are asked for; <c>folder</c>/<c>filename</c> must name a file inside the
/// dataset folder. A file listed under several patient ids gets one record and the ids are merged into one patient
/// group (the same case filed twice upstream). Findings become multi-labels: "COVID-19, ARDS" and the newer
/// "Pneumonia/Viral/COVID-19" both give one label per part; "No Finding" gives none; "todo" leaves the image unlabelled.
/// </summary>
public static class Ieee8023Reader
{
    private static readonly string[] FrontalViews = ["PA", "AP", "AP Supine", "AP Erect"];

    /// <summary>Reads <c>metadata.csv</c> under <paramref name="root"/>; <paramref name="allViews"/> keeps laterals and unknown views too.</summary>
    public static Ieee8023Dataset Read(string root, bool allViews = false)
    {
        var csv = Path.Combine(root, "metadata.csv");
        var table = CsvTable.Read(csv, required: ["patientid", "finding", "view", "modality", "folder", "filename"]);
        var warnings = table.Malformed.Select(m => "skipped malformed row: " + m).ToList();
        var leftOut = new SortedDictionary<string, int>(StringComparer.Ordinal);
        void Drop(string why) => leftOut[why] = leftOut.GetValueOrDefault(why) + 1;
        var rootFull = Path.GetFullPath(root);
        var byFile = new Dictionary<string, (int Order, string Path, List<string> Ids, string View, List<string>? Findings, string? Error)>(StringComparer.Ordinal);
        foreach (var row in table.Rows)
        {
            if (!row["modality"].Equals("X-ray", StringComparison.OrdinalIgnoreCase)) { Drop("not X-ray"); continue; }
            var view = row["view"];
            if (!allViews && !FrontalViews.Contains(view, StringComparer.OrdinalIgnoreCase)) { Drop($"view '{view}'"); continue; }
            var rel = Path.Combine(row["folder"], row["filename"]);
            var full = Path.GetFullPath(Path.Combine(root, rel));
            string? error = null;
            if (row["filename"].Length == 0) error = $"{row.Where}: filename is empty";
            else if (Path.IsPathRooted(row["folder"]) || Path.IsPathRooted(row["filename"]) || !full.StartsWith(rootFull + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                error = $"{row.Where}: folder/filename '{rel}' leaves the dataset folder";
            var patient = row["patientid"];
            if (error is null && patient.Length == 0) error = $"{row.Where}: patientid is empty";
            var findings = Findings(row["finding"]);
            var key = error is null ? full : $"{row.Where}";
            if (byFile.TryGetValue(key, out var seen))
            {
                seen.Ids.Add(patient);
                Drop("file listed again (patient ids merged)");
                continue;
            }
            byFile[key] = (byFile.Count, error is null ? full : Path.Combine(root, "images"), [patient], view, findings, error);
        }
        var groups = MergeIds(byFile.Values.Select(v => v.Ids));
        var records = byFile.OrderBy(kv => kv.Value.Order).Select(kv =>
        {
            var v = kv.Value;
            var error = v.Error;
            if (error is null && !File.Exists(v.Path)) error = $"{Path.GetFileName(csv)}: image {Path.GetRelativePath(root, v.Path)} not found";
            return new Ieee8023Record(error is null ? Path.GetRelativePath(root, v.Path).Replace('\\', '/') : kv.Key, v.Path, "ieee-" + groups[v.Ids[0]], v.View, v.Findings, error);
        }).ToList();
        if (records.Count == 0) throw new UserFacingException($"{csv}: no X-ray rows with the requested views");
        var classes = records.Where(r => r.Error is null).SelectMany(r => r.Findings ?? []).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return new Ieee8023Dataset(root, records, classes, leftOut, warnings);
    }

    /// <summary>The tokens of a finding value; [] for "No Finding"; null for "todo" or empty (not labelled).</summary>
    public static List<string>? Findings(string value)
    {
        var v = value.Trim();
        if (v.Length == 0 || v.Equals("todo", StringComparison.OrdinalIgnoreCase)) return null;
        if (v.Equals("No Finding", StringComparison.OrdinalIgnoreCase)) return [];
        return v.Split([',', '/'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Where(t => !t.Equals("No Finding", StringComparison.OrdinalIgnoreCase)).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>Union of ids listed together: each id maps to the smallest id (ordinal) of its group.</summary>
    private static Dictionary<string, string> MergeIds(IEnumerable<List<string>> lists)
    {
        var parent = new Dictionary<string, string>(StringComparer.Ordinal);
        string Find(string x)
        {
            while (parent[x] != x) x = parent[x] = parent[parent[x]];
            return x;
        }
        foreach (var ids in lists)
        {
            foreach (var id in ids) parent.TryAdd(id, id);
            foreach (var id in ids.Skip(1))
            {
                var (a, b) = (Find(ids[0]), Find(id));
                if (a == b) continue;
                if (string.CompareOrdinal(a, b) < 0) parent[b] = a; else parent[a] = b;
            }
        }
        return parent.Keys.ToDictionary(k => k, Find, StringComparer.Ordinal);
    }
}
