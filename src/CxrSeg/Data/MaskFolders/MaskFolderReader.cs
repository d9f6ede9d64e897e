using System.Text.Json;
using CxrSeg.Data.Csv;

namespace CxrSeg.Data.MaskFolders;

/// <summary>
/// "Bring your own masks": a documented layout for users' own labelled X-rays (docs/DATA.md).
/// <code>
/// ROOT/images/&lt;name&gt;.png|.jpg|.jpeg|.bmp|.dcm      the radiographs (subfolders allowed)
/// ROOT/masks/&lt;class&gt;/&lt;name&gt;.png|.gif|.bmp        one binary mask per class, same relative name, any extension
/// ROOT/classes.json   optional: {"classes": ["Right Lung", "Left Lung", ...]} fixes the channel order
/// ROOT/patients.csv   optional: image,patient (image as its path under images/), for patient-level splits
/// </code>
/// A class folder without a file for an image leaves that class unlabelled on it (the loss ignores it); an all-black
/// mask says the class is absent. Without classes.json the classes are the folders under masks/, sorted.
/// </summary>
public static class MaskFolderReader
{
    /// <summary>Image file extensions read from images/.</summary>
    public static IReadOnlyList<string> ImageExtensions { get; } = [".png", ".jpg", ".jpeg", ".bmp", ".dcm", ".dicom"];

    /// <summary>Reads the layout at <paramref name="root"/>; a missing folder or a bad classes.json / patients.csv is a <see cref="UserFacingException"/> naming it.</summary>
    public static MaskFolderDataset Read(string root)
    {
        var images = Path.Combine(root, "images");
        var masks = Path.Combine(root, "masks");
        if (!Directory.Exists(images)) throw new UserFacingException($"{root}: no images/ folder (layout: images/, masks/<class>/, optional classes.json; see docs/DATA.md)");
        if (!Directory.Exists(masks)) throw new UserFacingException($"{root}: no masks/ folder (layout: images/, masks/<class>/, optional classes.json; see docs/DATA.md)");
        var classes = ReadClasses(root, masks);
        var warnings = new List<string>();
        var maskIndex = classes.Select(c => IndexByStem(Path.Combine(masks, c), BinaryMaskFile.Extensions, warnings)).ToArray();
        var patients = ReadPatients(root);
        var items = new List<MaskFolderItem>();
        foreach (var (stem, path) in IndexByStem(images, ImageExtensions, warnings).OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var id = Path.GetRelativePath(images, path).Replace('\\', '/');
            var paths = maskIndex.Select(m => m.GetValueOrDefault(stem)).ToArray();
            if (paths.All(p => p is null)) warnings.Add($"{id}: no mask in any class folder (every class unlabelled; left out)");
            else items.Add(new MaskFolderItem(id, patients?.GetValueOrDefault(id) ?? stem, path, paths));
        }
        var imageStems = items.Select(i => StemOf(images, i.ImagePath)).ToHashSet(StringComparer.Ordinal);
        for (var c = 0; c < classes.Count; c++)
            foreach (var orphan in maskIndex[c].Keys.Where(k => !imageStems.Contains(k)).Order(StringComparer.Ordinal).Take(20))
                warnings.Add($"masks/{classes[c]}/{orphan}: no image of that name");
        if (patients is not null)
            foreach (var missing in items.Where(i => !patients.ContainsKey(i.Id)).Take(20))
                warnings.Add($"patients.csv has no row for {missing.Id} (its own name is used as patient)");
        return new MaskFolderDataset("masks", root, classes, items, warnings);
    }

    private static IReadOnlyList<string> ReadClasses(string root, string masks)
    {
        var file = Path.Combine(root, "classes.json");
        var folders = Directory.EnumerateDirectories(masks).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();
        if (!File.Exists(file))
        {
            if (folders.Count == 0) throw new UserFacingException($"{masks} holds no class folders");
            return folders;
        }
        Platform.RegularFile.Require(file, "class list");
        List<string>? names;
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(file));
            names = doc.RootElement.TryGetProperty("classes", out var arr) && arr.ValueKind == JsonValueKind.Array
                ? arr.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString() ?? "" : throw new UserFacingException($"{file}: field 'classes' must list strings")).ToList()
                : null;
        }
        catch (JsonException e) { throw new UserFacingException($"{file} is not valid JSON: {e.Message}", e); }
        if (names is null || names.Count == 0) throw new UserFacingException($"{file}: field 'classes' must be a non-empty list of class names");
        foreach (var n in names)
        {
            if (n.Length == 0 || n != Path.GetFileName(n) || n is "." or "..")
                throw new UserFacingException($"{file}: class '{n}' is not a plain folder name under masks/");
            if (!folders.Contains(n)) throw new UserFacingException($"{file}: class '{n}' has no folder {Path.Combine(masks, n)}");
        }
        if (names.Distinct(StringComparer.OrdinalIgnoreCase).Count() != names.Count) throw new UserFacingException($"{file}: a class is listed twice");
        return names;
    }

    private static Dictionary<string, string>? ReadPatients(string root)
    {
        var file = Path.Combine(root, "patients.csv");
        if (!File.Exists(file) && !Directory.Exists(file)) return null;
        var table = CsvTable.Read(file, required: ["image", "patient"]);
        if (table.Malformed.Count > 0) throw new UserFacingException($"{file}: {table.Malformed[0]}");
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in table.Rows)
        {
            var image = row["image"].Trim().Replace('\\', '/');
            var patient = row["patient"].Trim();
            if (image.Length == 0 || patient.Length == 0) throw new UserFacingException($"{file} line {row.Line}: empty image or patient");
            if (!map.TryAdd(image, patient)) throw new UserFacingException($"{file} line {row.Line}: image {image} is listed twice");
        }
        return map;
    }

    /// <summary>Regular files under <paramref name="dir"/> with one of <paramref name="extensions"/>, keyed by their path without extension.</summary>
    private static Dictionary<string, string> IndexByStem(string dir, IReadOnlyList<string> extensions, List<string> warnings)
    {
        var index = new Dictionary<string, string>(StringComparer.Ordinal);
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.Hidden | FileAttributes.Device, IgnoreInaccessible = true };
        foreach (var path in Directory.EnumerateFiles(dir, "*", options).Order(StringComparer.Ordinal))
        {
            if (!extensions.Contains(Path.GetExtension(path).ToLowerInvariant())) continue;
            var stem = StemOf(dir, path);
            if (!index.TryAdd(stem, path)) warnings.Add($"{Path.GetRelativePath(dir, path)}: another file has the same name without extension ({Path.GetFileName(index[stem])}); ignored");
        }
        return index;
    }

    private static string StemOf(string dir, string path)
    {
        var rel = Path.GetRelativePath(dir, path).Replace('\\', '/');
        var ext = Path.GetExtension(rel);
        return ext.Length == 0 ? rel : rel[..^ext.Length];
    }
}
