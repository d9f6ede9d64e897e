using System.Runtime.InteropServices;

namespace CxrSeg.Platform;

/// <summary>
/// Only regular files are inputs: a named pipe blocks its reader forever and a device never ends. The kind is read with
/// stat(2) (through the .NET runtime's own native shim) before anything opens the file.
/// </summary>
public static class RegularFile
{
    /// <summary>The kind of <paramref name="path"/> after following links.</summary>
    public static FileKind KindOf(string path)
    {
        try
        {
            if (Stat(path, out var st) != 0) return FileKind.Missing;
            return (st.Mode & 0xF000) switch
            {
                0x8000 => FileKind.Regular,
                0x4000 => FileKind.Directory,
                0x1000 => FileKind.Fifo,
                0x2000 => FileKind.CharacterDevice,
                0x6000 => FileKind.BlockDevice,
                0xC000 => FileKind.Socket,
                _ => FileKind.Other,
            };
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return File.Exists(path) ? FileKind.Regular : Directory.Exists(path) ? FileKind.Directory : FileKind.Missing;
        }
    }

    /// <summary>True when <paramref name="path"/> is a regular file (after following links).</summary>
    public static bool Is(string path) => KindOf(path) == FileKind.Regular;

    /// <summary>Throws a <see cref="UserFacingException"/> naming the file unless it is a regular file; <paramref name="what"/> says what it was for ("image", "CSV file").</summary>
    public static void Require(string path, string what = "input file")
    {
        var kind = KindOf(path);
        if (kind == FileKind.Regular) return;
        throw new UserFacingException(kind == FileKind.Missing
            ? $"{what} not found: {path}"
            : $"{what} {path} is {Describe(kind)}, not a regular file: only regular files are read");
    }

    /// <summary>Words for a kind ("a named pipe (FIFO)").</summary>
    public static string Describe(FileKind kind) => kind switch
    {
        FileKind.Directory => "a directory",
        FileKind.Fifo => "a named pipe (FIFO)",
        FileKind.CharacterDevice => "a character device",
        FileKind.BlockDevice => "a block device",
        FileKind.Socket => "a socket",
        FileKind.Missing => "missing",
        FileKind.Regular => "a regular file",
        _ => "a special file",
    };

    [StructLayout(LayoutKind.Sequential, Size = 512)]
    private struct FileStatus
    {
        public int Flags;
        public int Mode;
    }

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat", SetLastError = true, CharSet = CharSet.Ansi)]
    private static extern int Stat(string path, out FileStatus output);
}
