namespace CxrSeg.Platform;

/// <summary>
/// A file being written atomically (<see cref="AtomicFile.Create"/>): write to <see cref="Stream"/> (a temporary file
/// beside the target), then <see cref="Commit"/> flushes it to disk and renames it over the target. Disposing
/// without committing deletes the temporary file, so a failed write leaves nothing behind.
/// </summary>
public sealed class PendingFile : IDisposable
{
    private readonly string _path;
    private readonly string _tmp;
    private bool _committed;

    internal PendingFile(string path)
    {
        _path = path;
        _tmp = AtomicFile.TempPathFor(path);
        Stream = new FileStream(_tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16);
    }

    /// <summary>Where the contents go.</summary>
    public FileStream Stream { get; }

    /// <summary>Flushes to disk and renames the temporary file onto the target.</summary>
    public void Commit()
    {
        Stream.Flush(flushToDisk: true);
        Stream.Dispose();
        File.Move(_tmp, _path, overwrite: true);
        _committed = true;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_committed) return;
        Stream.Dispose();
        if (File.Exists(_tmp)) File.Delete(_tmp);
    }
}
