using CxrSeg.Data.MaskFolders;

namespace CxrSeg.Data.Jsrt;

/// <summary>
/// JSRT radiographs with the SCR anatomy masks, in the layout they are published in:
/// <c>JSRT/jsrt_images/images/&lt;ID&gt;.IMG.png</c> (palette PNGs whose palette is an inverted grey ramp: decoded through
/// the palette they are the radiograph) and <c>JSRT/masks/masks/&lt;part&gt;_png/&lt;ID&gt;.png</c> (or the identical
/// <c>&lt;part&gt;/&lt;ID&gt;.gif</c>). <c>--source</c> may name the folder holding <c>JSRT/</c> or <c>JSRT/</c> itself. Every
/// image is its own patient. Left and right are the patient's, as in CCXS (the left lung is on the image's right).
/// </summary>
public static class JsrtReader
{
    /// <summary>Mask channels, in the order written to the cache.</summary>
    public static IReadOnlyList<string> Classes { get; } = ["Right Lung", "Left Lung", "Heart", "Right Clavicle", "Left Clavicle"];

    private static readonly string[] Parts = ["right_lung", "left_lung", "heart", "right_clavicle", "left_clavicle"];

    /// <summary>Reads the index; a folder without JSRT's layout is a <see cref="UserFacingException"/> saying what was expected.</summary>
    public static MaskFolderDataset Read(string source)
    {
        var root = new[] { Path.Combine(source, "JSRT"), source }.FirstOrDefault(r => Directory.Exists(Path.Combine(r, "jsrt_images", "images")))
            ?? throw new UserFacingException($"{source}: no JSRT/jsrt_images/images/ folder (JSRT's published layout; see docs/DATA.md)");
        var images = Path.Combine(root, "jsrt_images", "images");
        var masks = Path.Combine(root, "masks", "masks");
        if (!Directory.Exists(masks)) throw new UserFacingException($"{root}: no masks/masks/ folder with the SCR masks");
        var warnings = new List<string>();
        var items = new List<MaskFolderItem>();
        var options = new EnumerationOptions { AttributesToSkip = FileAttributes.Hidden | FileAttributes.Device, IgnoreInaccessible = true };
        foreach (var path in Directory.EnumerateFiles(images, "*.png", options).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(path);
            var id = name.EndsWith(".IMG.png", StringComparison.OrdinalIgnoreCase) ? name[..^".IMG.png".Length] : Path.GetFileNameWithoutExtension(name);
            var paths = Parts.Select(p => MaskFor(masks, p, id)).ToArray();
            for (var c = 0; c < Parts.Length; c++)
                if (paths[c] is null) warnings.Add($"{name}: no {Parts[c]} mask ({Parts[c]}_png/{id}.png or {Parts[c]}/{id}.gif); that class is unlabelled on it");
            items.Add(new MaskFolderItem(name, id, path, paths));
        }
        return new MaskFolderDataset("jsrt", root, Classes, items, warnings);
    }

    private static string? MaskFor(string masks, string part, string id) =>
        new[] { Path.Combine(masks, part + "_png", id + ".png"), Path.Combine(masks, part, id + ".gif") }.FirstOrDefault(File.Exists);
}
