using System.Text.Json;

namespace CxrSeg.Demo;

/// <summary>
/// Guards the demo workspace: it must be new, empty, or a folder an earlier demo wrote (it carries
/// <see cref="MarkerFile"/>); anything else is refused so that a user's data is never overwritten.
/// </summary>
public static class DemoWorkspace
{
    /// <summary>Marker file that identifies a demo workspace.</summary>
    public const string MarkerFile = ".cxrseg-demo.json";

    /// <summary>Creates or re-opens the workspace; returns its absolute path.</summary>
    public static string Claim(string workspace)
    {
        var root = Path.GetFullPath(workspace);
        if (File.Exists(root)) throw new UserFacingException($"demo: {root} is a file, not a folder");
        var marker = Path.Combine(root, MarkerFile);
        if (Directory.Exists(root) && Directory.EnumerateFileSystemEntries(root).Any() && !File.Exists(marker))
            throw new UserFacingException($"demo: {root} is not empty and was not written by cxrseg demo; choose a new or empty folder with --workspace (nothing was changed)");
        Directory.CreateDirectory(root);
        if (!File.Exists(marker))
            Platform.AtomicFile.WriteAllText(marker, JsonSerializer.Serialize(new { tool = "cxrseg demo", createdUtc = DateTime.UtcNow }));
        return root;
    }
}
