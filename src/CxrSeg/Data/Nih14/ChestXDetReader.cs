using System.Globalization;
using System.Text.Json;
using CxrSeg.Data.Csv;

namespace CxrSeg.Data.Nih14;

/// <summary>
/// The <c>chestxdet</c> segmentation set over an NIH folder (DATASETS.md §6): ChestX-Det's polygons from
/// <c>chestxdet/ChestX_Det_{train,test}.json</c> (file names mapped to NIH names by <c>chestxdet_to_nih.csv</c>, or used as
/// they are) and NIH's boxes from <c>BBox_List_2017.csv</c> (read by position: its header has more fields than its rows).
/// Every coordinate is in the 1024×1024 space of NIH's PNGs, whatever the size of the image on disk.
/// </summary>
public static class ChestXDetReader
{
    /// <summary>The space all coordinates are given in.</summary>
    public const double AnnotationSpace = 1024.0;

    /// <summary>Reads the annotations under <paramref name="root"/>; a folder with neither ChestX-Det JSON nor NIH boxes is a <see cref="UserFacingException"/>.</summary>
    public static IReadOnlyList<ChestXDetItem> Read(string root, out IReadOnlyList<string> warnings)
    {
        var warn = new List<string>();
        var images = Nih14Images.Index(root, "train", "test");
        var patients = PatientsByImage(root);
        var mapping = Mapping(root, warn);
        var byImage = new SortedDictionary<string, (string Path, List<ChestXDetShape> Shapes, byte[] Labelled, List<string> Errors)>(StringComparer.Ordinal);
        (string Path, List<ChestXDetShape> Shapes, byte[] Labelled, List<string> Errors)? Entry(string name, string where)
        {
            if (!Nih14Images.IsPlainName(name)) { warn.Add($"{where}: '{name}' is not a plain file name; left out"); return null; }
            if (byImage.TryGetValue(name, out var e)) return e;
            if (!images.TryGetValue(name, out var path)) { warn.Add($"{where}: image {name} not found; left out"); return null; }
            return byImage[name] = (path, [], new byte[ChestXDetClasses.All.Count], []);
        }

        var jsonFiles = new[] { "ChestX_Det_train.json", "ChestX_Det_test.json" }
            .SelectMany(f => new[] { Path.Combine(root, "chestxdet", f), Path.Combine(root, f) }).Where(File.Exists).ToList();
        foreach (var file in jsonFiles) ReadJson(file, mapping, Entry);
        var boxes = Path.Combine(root, "BBox_List_2017.csv");
        if (File.Exists(boxes)) ReadNihBoxes(boxes, Entry);
        if (jsonFiles.Count == 0 && !File.Exists(boxes))
            throw new UserFacingException($"{root}: no chestxdet/ChestX_Det_train.json, ChestX_Det_test.json or BBox_List_2017.csv");
        warnings = warn;
        return byImage.Select(kv => new ChestXDetItem(kv.Key, kv.Value.Path, patients.GetValueOrDefault(kv.Key) ?? kv.Key, kv.Value.Shapes,
            kv.Value.Labelled, kv.Value.Errors.Count == 0 ? null : string.Join("; ", kv.Value.Errors))).ToList();
    }

    private delegate (string Path, List<ChestXDetShape> Shapes, byte[] Labelled, List<string> Errors)? EntryFor(string name, string where);

    private static void ReadJson(string file, IReadOnlyDictionary<string, string> mapping, EntryFor entry)
    {
        Platform.RegularFile.Require(file, "ChestX-Det JSON file");
        JsonDocument doc;
        try { doc = JsonDocument.Parse(File.ReadAllText(file), new JsonDocumentOptions { MaxDepth = 16 }); }
        catch (JsonException e) { throw new UserFacingException($"{file} is not valid JSON: {e.Message}", e); }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Array) throw new UserFacingException($"{file}: expected a JSON array of entries");
            var name = Path.GetFileName(file);
            var i = 0;
            foreach (var el in doc.RootElement.EnumerateArray())
            {
                var where = $"{name} entry {i++}";
                var fileName = el.ValueKind == JsonValueKind.Object && el.TryGetProperty("file_name", out var fn) && fn.ValueKind == JsonValueKind.String ? fn.GetString()! : null;
                if (fileName is null) throw new UserFacingException($"{where}: no string field 'file_name'");
                var e = entry(mapping.GetValueOrDefault(fileName) ?? fileName, where);
                if (e is null) continue;
                foreach (var c in ChestXDetClasses.ChestXDet) e.Value.Labelled[ChestXDetClasses.IndexOf(c)] = 1;
                try { AddPolygons(el, e.Value.Shapes); }
                catch (FormatException ex) { e.Value.Errors.Add($"{where} ({fileName}): {ex.Message}"); }
            }
        }
    }

    private static void AddPolygons(JsonElement entry, List<ChestXDetShape> shapes)
    {
        var syms = Array(entry, "syms");
        var polygons = Array(entry, "polygons");
        if (syms.Count != polygons.Count) throw new FormatException($"{syms.Count} syms but {polygons.Count} polygons");
        for (var k = 0; k < syms.Count; k++)
        {
            var label = syms[k].ValueKind == JsonValueKind.String ? syms[k].GetString()! : throw new FormatException($"syms[{k}] is not a string");
            var c = ChestXDetClasses.IndexOf(label);
            if (c < 0) throw new FormatException($"syms[{k}] '{label}' is not a ChestX-Det class");
            if (polygons[k].ValueKind != JsonValueKind.Array) throw new FormatException($"polygons[{k}] is not a list of points");
            var points = polygons[k].EnumerateArray().Select((p, j) => Point(p, $"polygons[{k}][{j}]")).ToList();
            if (points.Count < 3) throw new FormatException($"polygons[{k}] has {points.Count} points, a polygon needs 3");
            shapes.Add(new ChestXDetShape(c, points, "chestxdet"));
        }
    }

    private static (double, double) Point(JsonElement p, string where)
    {
        if (p.ValueKind != JsonValueKind.Array || p.GetArrayLength() != 2 || p[0].ValueKind != JsonValueKind.Number || p[1].ValueKind != JsonValueKind.Number)
            throw new FormatException($"{where} is not an [x, y] pair of numbers");
        var (x, y) = (p[0].GetDouble(), p[1].GetDouble());
        if (!double.IsFinite(x) || !double.IsFinite(y) || Math.Abs(x) > 1e6 || Math.Abs(y) > 1e6) throw new FormatException($"{where} is out of range");
        return (x, y);
    }

    private static List<JsonElement> Array(JsonElement entry, string field) =>
        entry.TryGetProperty(field, out var a) && a.ValueKind == JsonValueKind.Array ? a.EnumerateArray().ToList() : throw new FormatException($"no list '{field}'");

    private static void ReadNihBoxes(string file, EntryFor entry)
    {
        var (_, rows) = PositionalCsv.Read(file);
        var name = Path.GetFileName(file);
        foreach (var (line, f) in rows)
        {
            var where = $"{name} line {line}";
            if (f.Length < 6) throw new UserFacingException($"{where}: {f.Length} fields, expected image, label, x, y, w, h");
            var e = entry(f[0], where);
            if (e is null) continue;
            var c = ChestXDetClasses.IndexOf(f[1]);
            if (c < 0) { e.Value.Errors.Add($"{where}: unknown finding label '{f[1]}'"); continue; }
            var v = f[2..6].Select(s => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) && Math.Abs(d) <= 1e6 ? d : double.NaN).ToArray();
            if (v.Any(double.IsNaN) || v[2] <= 0 || v[3] <= 0) { e.Value.Errors.Add($"{where}: box x, y, w, h must be finite numbers with w, h > 0"); continue; }
            e.Value.Labelled[c] = 1;
            e.Value.Shapes.Add(new ChestXDetShape(c, [(v[0], v[1]), (v[0] + v[2], v[1]), (v[0] + v[2], v[1] + v[3]), (v[0], v[1] + v[3])], "nih-box"));
        }
    }

    private static IReadOnlyDictionary<string, string> Mapping(string root, List<string> warn)
    {
        var file = Path.Combine(root, "chestxdet", "chestxdet_to_nih.csv");
        if (!File.Exists(file)) return new Dictionary<string, string>();
        var table = CsvTable.Read(file, required: ["file_name", "Image Index"]);
        warn.AddRange(table.Malformed.Select(m => "skipped malformed row: " + m));
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in table.Rows) map.TryAdd(row["file_name"], row["Image Index"]);
        return map;
    }

    private static IReadOnlyDictionary<string, string> PatientsByImage(string root)
    {
        var file = Path.Combine(root, Nih14Reader.DataEntryFile);
        if (!File.Exists(file)) return new Dictionary<string, string>();
        var (_, rows) = PositionalCsv.Read(file);
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (_, f) in rows) if (f.Length > 3 && f[3].Length > 0) map.TryAdd(f[0], "nih-" + f[3]);
        return map;
    }
}
