namespace CxrSeg.Data.Nih14;

/// <summary>
/// Finds NIH images by file name: in <c>images/</c> (this layout) and in the official release's
/// <c>images_001/images/</c> … <c>images_012/images/</c> folders. Only regular files inside the dataset folder count.
/// </summary>
public static class Nih14Images
{
    /// <summary>
    /// File name → path for every PNG under the dataset's image folders (<c>images*</c>, plus <paramref name="alsoIn"/>,
    /// e.g. ChestX-Det's own <c>train</c> and <c>test</c>); the first file of a name wins.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Index(string root, params string[] alsoIn)
    {
        var index = new Dictionary<string, string>(StringComparer.Ordinal);
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.Hidden | FileAttributes.Device, IgnoreInaccessible = true };
        var folders = new[] { "images*" }.Concat(alsoIn).SelectMany(p => Directory.EnumerateDirectories(root, p)).Order(StringComparer.Ordinal).ToList();
        if (folders.Count == 0) throw new UserFacingException($"{root}: no images/ (or images_001/ …{string.Concat(alsoIn.Select(a => ", " + a + "/"))}) folder");
        foreach (var dir in folders)
            foreach (var path in Directory.EnumerateFiles(dir, "*.png", options).Order(StringComparer.Ordinal))
                index.TryAdd(Path.GetFileName(path), path);
        return index;
    }

    /// <summary>Whether <paramref name="name"/> is a plain file name (no folder part), so it cannot point outside the dataset.</summary>
    public static bool IsPlainName(string name) =>
        name.Length > 0 && name == Path.GetFileName(name) && name is not ("." or "..") && !name.Contains('\\');
}
