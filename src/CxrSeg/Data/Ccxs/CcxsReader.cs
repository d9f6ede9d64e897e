using System.Globalization;
using CxrSeg.Data.Csv;

namespace CxrSeg.Data.Ccxs;

/// <summary>
/// Reads the CCXS layout (DATASETS.md §1): structure.csv rows grouped by <c>Filename</c>, <c>Template Name</c> mapped to
/// the paper's class, patients from metadata.csv. Quirks become warnings: rows without a mask file (class unlabelled
/// for that image), duplicate class rows (unioned), unknown class names and malformed rows (skipped).
/// </summary>
public static class CcxsReader
{
    private static readonly string[] Required = ["Template Name", "Filename", "Mask", "Resolution", "Top", "Left", "Width", "Height"];

    /// <summary>Reads the dataset at <paramref name="root"/>.</summary>
    public static CcxsDataset Read(string root)
    {
        var structure = Path.Combine(root, "structure.csv");
        if (!File.Exists(structure)) throw new UserFacingException($"{root} is not a CCXS folder: structure.csv not found");
        var table = CsvTable.Read(structure, required: Required);
        var warnings = new List<string>(table.Malformed.Select(m => $"skipped malformed row: {m}"));
        var byName = CcxsClasses.All.ToDictionary(c => c.DataName, c => c.Index, StringComparer.OrdinalIgnoreCase);
        foreach (var c in CcxsClasses.All) byName.TryAdd(c.Name, c.Index);
        var patients = ReadPatients(root, warnings);
        var groups = new Dictionary<string, (int W, int H, List<CcxsRegion> Regions)>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var row in table.Rows)
        {
            var file = row["Filename"];
            var cls = row["Template Name"];
            if (file.Length == 0) { warnings.Add($"{row.Where}: empty Filename, row skipped"); continue; }
            if (!byName.TryGetValue(cls, out var ci)) { warnings.Add($"{row.Where}: unknown class '{cls}', row skipped"); continue; }
            if (!TryResolution(row["Resolution"], out var w, out var h)) { warnings.Add($"{row.Where}: bad Resolution '{row["Resolution"]}', row skipped"); continue; }
            if (!TryInt(row["Left"], out var left) || !TryInt(row["Top"], out var top) || !TryInt(row["Width"], out var rw) || !TryInt(row["Height"], out var rh) || rw < 0 || rh < 0)
            { warnings.Add($"{row.Where}: bad Left/Top/Width/Height, row skipped"); continue; }
            var mask = row["Mask"];
            try
            {
                DatasetPath.Resolve(root, file, $"{row.Where}: field 'Filename'", "images", followLinks: false);
                if (mask.Length > 0) DatasetPath.Resolve(root, mask, $"{row.Where}: field 'Mask'", followLinks: false);
            }
            catch (UserFacingException e) { warnings.Add($"{e.Message}; row skipped"); continue; }
            if (!groups.TryGetValue(file, out var g)) { g = (w, h, []); groups[file] = g; order.Add(file); }
            else if (g.W != w || g.H != h) warnings.Add($"{row.Where}: Resolution {w}x{h} differs from earlier rows of {file} ({g.W}x{g.H}); the first is kept");
            g.Regions.Add(new CcxsRegion(ci, mask.Length == 0 ? null : mask, left, top, rw, rh, row.Where));
        }
        var images = new List<CcxsImage>();
        foreach (var file in order)
        {
            var g = groups[file];
            foreach (var c in g.Regions.Where(r => r.MaskFile is null).Select(r => r.ClassIndex).Distinct())
                warnings.Add($"{file}: {g.Regions.Count(r => r.MaskFile is null && r.ClassIndex == c)} '{CcxsClasses.All[c].DataName}' row(s) without a mask file: class treated as unlabelled for this image");
            foreach (var dup in g.Regions.Where(r => r.MaskFile is not null).GroupBy(r => r.ClassIndex).Where(x => x.Count() > 1))
                if (dup.Key <= CcxsClasses.All.Count && dup.Key <= 3) // anatomy: one region expected
                    warnings.Add($"{file}: {dup.Count()} '{CcxsClasses.All[dup.Key].DataName}' rows: regions unioned");
            for (int a = 0; a <= 3; a++)
                if (g.Regions.All(r => r.ClassIndex != a))
                    warnings.Add($"{file}: no '{CcxsClasses.All[a].DataName}' row: class counted as absent in this image");
            if (!patients.TryGetValue(file, out var pid))
            {
                pid = "file:" + file;
                if (patients.Count > 0) warnings.Add($"{file}: not in metadata.csv; treated as its own patient");
            }
            images.Add(new CcxsImage(file, pid, g.W, g.H, g.Regions));
        }
        var imagesDir = Path.Combine(root, "images");
        if (Directory.Exists(imagesDir))
        {
            var known = new HashSet<string>(order, StringComparer.Ordinal);
            foreach (var f in Directory.EnumerateFiles(imagesDir).Select(Path.GetFileName).Order(StringComparer.Ordinal))
                if (!known.Contains(f!)) warnings.Add($"images/{f}: no row in structure.csv, not used");
        }
        return new CcxsDataset(root, images, warnings);
    }

    private static Dictionary<string, string> ReadPatients(string root, List<string> warnings)
    {
        var path = Path.Combine(root, "metadata.csv");
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(path)) { warnings.Add("metadata.csv not found: every image is its own patient"); return map; }
        var t = CsvTable.Read(path, required: ["patientid", "filename"]);
        foreach (var m in t.Malformed) warnings.Add($"skipped malformed row: {m}");
        foreach (var r in t.Rows)
            if (r["filename"].Length > 0 && r["patientid"].Length > 0) map.TryAdd(r["filename"], r["patientid"]);
        return map;
    }

    private static bool TryInt(string s, out int v)
    {
        // coordinates beyond ±1,000,000 pixels cannot belong to a radiograph (and would overflow int arithmetic)
        if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) && Math.Abs(d) <= 1_000_000) { v = (int)Math.Round(d); return true; }
        v = 0;
        return false;
    }

    private static bool TryResolution(string s, out int w, out int h)
    {
        w = h = 0;
        var parts = s.Split('x', 'X');
        return parts.Length == 2 && int.TryParse(parts[0], out w) && int.TryParse(parts[1], out h) && w > 0 && h > 0;
    }
}
