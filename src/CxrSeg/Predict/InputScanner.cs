using CxrSeg.Data.Dicom;
using CxrSeg.Platform;

namespace CxrSeg.Predict;

/// <summary>
/// Expands the inputs of a prediction job: files are taken as given; folders are searched recursively for
/// .dcm/.dicom/.png/.jpg/.jpeg files and extension-less files that start like DICOM. Hidden entries and
/// anything under the output folder are left out. Output names are the relative path with separators
/// replaced, made unique (the extension is appended where two files share a stem).
/// </summary>
public static class InputScanner
{
    private static readonly HashSet<string> Extensions = new(StringComparer.OrdinalIgnoreCase) { ".dcm", ".dicom", ".png", ".jpg", ".jpeg" };

    /// <summary>Lists the images in a stable (ordinal) order; throws naming an input that does not exist.</summary>
    public static IReadOnlyList<InputImage> Scan(IReadOnlyList<string> inputs, string? outDir = null)
    {
        if (inputs.Count == 0) throw new UserFacingException("no input given: name DICOM/PNG/JPEG files or folders");
        var outFull = outDir is null ? null : Path.TrimEndingDirectorySeparator(RealPath.OfPossiblyMissing(outDir)) + Path.DirectorySeparatorChar;
        var found = new List<(string Path, string Display)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var input in inputs)
        {
            if (File.Exists(input))
            {
                if (seen.Add(Path.GetFullPath(input))) found.Add((input, Path.GetFileName(input)));
            }
            else if (Directory.Exists(input))
            {
                var root = Path.GetFullPath(input);
                var realRoot = RealPath.Of(root) ?? root;
                if (outFull is not null && (realRoot + Path.DirectorySeparatorChar).StartsWith(outFull, StringComparison.Ordinal))
                    throw new UserFacingException($"--out {outDir} is the input folder {input} or holds it (links followed): choose an output folder outside the inputs");
                var files = new List<string>();
                Walk(root, outFull, files, new HashSet<string>(StringComparer.Ordinal));
                files.Sort(StringComparer.Ordinal);
                var prefix = inputs.Count > 1 ? Path.GetFileName(Path.TrimEndingDirectorySeparator(root)) + "/" : "";
                foreach (var f in files)
                    if (seen.Add(f)) found.Add((f, prefix + Path.GetRelativePath(root, f).Replace(Path.DirectorySeparatorChar, '/')));
            }
            else throw new UserFacingException($"input not found: {input}");
        }
        return Name(found);
    }

    private static void Walk(string dir, string? outFull, List<string> files, HashSet<string> visited)
    {
        var real = RealPath.Of(dir) ?? dir;
        if (!visited.Add(real)) return; // a linked folder seen before (a link loop would never end)
        if (outFull is not null && (real + Path.DirectorySeparatorChar).StartsWith(outFull, StringComparison.Ordinal)) return;
        foreach (var f in Directory.EnumerateFiles(dir))
        {
            var name = Path.GetFileName(f);
            if (name.StartsWith('.')) continue;
            var ext = Path.GetExtension(name);
            if (Extensions.Contains(ext) || (ext.Length == 0 && DicomDecoder.LooksLikeDicom(f))) files.Add(f);
        }
        foreach (var d in Directory.EnumerateDirectories(dir))
            if (!Path.GetFileName(d).StartsWith('.')) Walk(d, outFull, files, visited);
    }

    private static List<InputImage> Name(List<(string Path, string Display)> found)
    {
        static string Clean(string s) =>
            new(s.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray());
        string Stem(string display)
        {
            var ext = Path.GetExtension(display);
            return Clean((ext.Length > 0 ? display[..^ext.Length] : display).Replace("/", "__"));
        }
        var stemCount = found.GroupBy(f => Stem(f.Display), StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Count(), StringComparer.OrdinalIgnoreCase);
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var result = new List<InputImage>(found.Count);
        foreach (var (path, display) in found)
        {
            var stem = Stem(display);
            var name = stemCount[stem] > 1 ? stem + "_" + Clean(Path.GetExtension(display).TrimStart('.')) : stem;
            if (name.Length == 0 || name.StartsWith('.')) name = "image" + name;
            // an image folder must never take the name of a job-level output (summary.csv.png → summary.csv_image)
            if (name.Equals(PredictionWriter.SummaryFile, StringComparison.OrdinalIgnoreCase)) name += "_image";
            var unique = name;
            for (var k = 2; !used.Add(unique); k++) unique = $"{name}_{k}";
            result.Add(new InputImage(path, display, unique));
        }
        return result;
    }
}
