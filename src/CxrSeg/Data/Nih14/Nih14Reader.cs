using CxrSeg.Data.Csv;

namespace CxrSeg.Data.Nih14;

/// <summary>
/// Reads NIH ChestX-ray14's Data_Entry_2017.csv (DATASETS.md §6) by position, since its header has unquoted commas in
/// names: 0 Image Index, 1 Finding Labels ('|'-separated, or "No Finding"), 3 Patient ID, 6 View Position. Rows whose
/// image is absent are counted and left out; a row with an unknown label, an empty patient or a name with a folder part
/// is kept with its error, so <c>prepare</c> reports it in rejects.csv.
/// </summary>
public static class Nih14Reader
{
    /// <summary>The label file's name.</summary>
    public const string DataEntryFile = "Data_Entry_2017.csv";

    /// <summary>Reads the folder; a missing label file or a file that is not NIH's is a <see cref="UserFacingException"/>.</summary>
    public static Nih14Dataset Read(string root)
    {
        var csvPath = new[] { Path.Combine(root, DataEntryFile), Path.Combine(root, "Data_Entry_2017_v2020.csv") }.FirstOrDefault(File.Exists)
            ?? throw new UserFacingException($"{root}: {DataEntryFile} not found (NIH ChestX-ray14 layout: {DataEntryFile} and images/)");
        var (header, rows) = PositionalCsv.Read(csvPath);
        if (header.Length < 7 || header[0] != "Image Index" || header[1] != "Finding Labels" || header[3] != "Patient ID" || header[6] != "View Position")
            throw new UserFacingException($"{csvPath}: header does not start 'Image Index,Finding Labels,Follow-up #,Patient ID,Patient Age,Patient Gender,View Position'");
        var images = Nih14Images.Index(root);
        var name = Path.GetFileName(csvPath);
        var records = new List<Nih14Record>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var warnings = new List<string>();
        var missing = 0;
        foreach (var (line, f) in rows)
        {
            var where = $"{name} line {line}";
            if (f.Length < 7) { warnings.Add($"{where}: {f.Length} fields, expected at least 7; row skipped"); continue; }
            var image = f[0];
            if (!Nih14Images.IsPlainName(image))
            {
                records.Add(new Nih14Record(image, Path.Combine(root, "images"), f[3], f[6], null, $"{where}: Image Index '{image}' is not a plain file name"));
                continue;
            }
            if (!images.TryGetValue(image, out var path)) { missing++; continue; }
            if (!seen.Add(image)) { warnings.Add($"{where}: {image} is listed again; the first row is used"); continue; }
            var (labels, error) = ParseLabels(f[1], where);
            if (error is null && f[3].Length == 0) error = $"{where}: Patient ID is empty";
            if (error is null && f[6] is not ("PA" or "AP")) warnings.Add($"{where}: View Position '{f[6]}' is neither PA nor AP");
            records.Add(new Nih14Record(image, path, f[3], f[6], error is null ? labels : null, error));
        }
        if (records.Count == 0) throw new UserFacingException($"{csvPath}: none of its {rows.Count} rows has an image under {root}");
        return new Nih14Dataset(root, records, missing, warnings);
    }

    private static (float[] Labels, string? Error) ParseLabels(string field, string where)
    {
        var labels = new float[Nih14Labels.All.Count];
        if (field.Trim() == Nih14Labels.NoFinding) return (labels, null);
        foreach (var token in field.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var i = Nih14Labels.IndexOf(token);
            if (i < 0) return (labels, $"{where}: Finding Labels has unknown label '{token}' (valid: {string.Join(", ", Nih14Labels.All)}, or '{Nih14Labels.NoFinding}')");
            labels[i] = 1f;
        }
        return labels.Any(v => v > 0) ? (labels, null) : (labels, $"{where}: Finding Labels is empty");
    }
}
