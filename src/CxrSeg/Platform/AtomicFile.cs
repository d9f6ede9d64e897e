namespace CxrSeg.Platform;

/// <summary>Writes files so that a reader never sees a half-written file: temp file in the same folder, then rename.</summary>
public static class AtomicFile
{
    /// <summary>Writes bytes atomically.</summary>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        using var file = Create(path);
        file.Stream.Write(bytes);
        file.Commit();
    }

    /// <summary>Starts an atomic write that streams into the file (commit it when done).</summary>
    public static PendingFile Create(string path) => new(path);

    /// <summary>Writes text (UTF-8) atomically.</summary>
    public static void WriteAllText(string path, string text) =>
        WriteAllBytes(path, System.Text.Encoding.UTF8.GetBytes(text));

    /// <summary>Runs a writer against a temporary path, then renames it onto <paramref name="path"/>.</summary>
    public static void Write(string path, Action<string> writeTo)
    {
        var tmp = TempPathFor(path);
        try
        {
            writeTo(tmp);
            File.Move(tmp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(tmp)) File.Delete(tmp);
        }
    }

    /// <summary>A unique temporary name beside the target (same file system, so the rename is atomic).</summary>
    public static string TempPathFor(string path)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, $".{Path.GetFileName(path)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
    }
}
