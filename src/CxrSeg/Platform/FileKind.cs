namespace CxrSeg.Platform;

/// <summary>What a path names after following symbolic links.</summary>
public enum FileKind
{
    /// <summary>Nothing (or a dangling link).</summary>
    Missing,
    /// <summary>A regular file: the only kind read as input.</summary>
    Regular,
    /// <summary>A directory.</summary>
    Directory,
    /// <summary>A named pipe (FIFO): opening it for reading blocks until a writer appears.</summary>
    Fifo,
    /// <summary>A character device (e.g. /dev/zero: endless).</summary>
    CharacterDevice,
    /// <summary>A block device.</summary>
    BlockDevice,
    /// <summary>A Unix socket.</summary>
    Socket,
    /// <summary>Anything else.</summary>
    Other,
}
