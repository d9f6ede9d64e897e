using System.Runtime.InteropServices;

namespace CxrSeg.Platform;

/// <summary>Canonical paths (every symbolic link followed, realpath(3)) and containment checks on them.</summary>
public static class RealPath
{
    /// <summary>The canonical path of an existing file or folder, or null when it does not exist.</summary>
    public static string? Of(string path)
    {
        var full = Path.GetFullPath(path);
        try
        {
            var p = realpath(full, IntPtr.Zero);
            if (p == IntPtr.Zero) return null;
            try { return Marshal.PtrToStringUTF8(p); }
            finally { free(p); }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return File.Exists(full) || Directory.Exists(full) ? full : null;
        }
    }

    /// <summary>The canonical path of <paramref name="path"/>, or its full path when it does not exist yet (its nearest existing parent is resolved).</summary>
    public static string OfPossiblyMissing(string path)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        var real = Of(full);
        if (real is not null) return real;
        var parent = Path.GetDirectoryName(full);
        return parent is null ? full : Path.Combine(OfPossiblyMissing(parent), Path.GetFileName(full));
    }

    /// <summary>True when <paramref name="path"/> is <paramref name="root"/> or lies below it (both taken as given: resolve them first).</summary>
    public static bool IsInside(string root, string path)
    {
        var r = Path.TrimEndingDirectorySeparator(root);
        var p = Path.TrimEndingDirectorySeparator(path);
        return p == r || p.StartsWith(r + Path.DirectorySeparatorChar, StringComparison.Ordinal) || r == "/";
    }

    /// <summary>True when the two paths name the same file or folder once links are followed.</summary>
    public static bool Same(string a, string b) => OfPossiblyMissing(a) == OfPossiblyMissing(b);

    [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi)]
    private static extern IntPtr realpath(string path, IntPtr resolved);

    [DllImport("libc")]
    private static extern void free(IntPtr p);
}
