using CxrSeg.Platform;

namespace CxrSeg.Data;

/// <summary>
/// Paths named by a label file (CCXS Filename/Mask, CheXpert Path) must stay inside the dataset folder: an absolute
/// path, a "../" that climbs out, or a link that points out are refused with a message naming the row.
/// </summary>
public static class DatasetPath
{
    /// <summary>
    /// Joins <paramref name="relative"/> to <paramref name="root"/> (optionally below <paramref name="sub"/>) and checks the
    /// result stays inside <paramref name="root"/>, lexically and after following links; <paramref name="where"/> names
    /// the row or field for the message.
    /// </summary>
    public static string Resolve(string root, string relative, string where, string? sub = null, bool followLinks = true)
    {
        if (relative.Length == 0) throw new UserFacingException($"{where}: empty path");
        if (relative.Contains('\0')) throw new UserFacingException($"{where}: path contains a NUL character");
        if (Path.IsPathRooted(relative))
            throw new UserFacingException($"{where}: path '{relative}' is absolute; label files may only name files inside the dataset folder {root}");
        var rootFull = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        var joined = Path.GetFullPath(sub is null ? Path.Combine(rootFull, relative) : Path.Combine(rootFull, sub, relative));
        if (!RealPath.IsInside(rootFull, joined))
            throw new UserFacingException($"{where}: path '{relative}' leaves the dataset folder {root}");
        if (followLinks) RequireInside(root, joined, where, relative);
        return joined;
    }

    /// <summary>Throws unless the existing file <paramref name="full"/> lies inside <paramref name="root"/> once every link is followed.</summary>
    public static void RequireInside(string root, string full, string where, string? shown = null)
    {
        var realRoot = RealPath.Of(root) ?? Path.GetFullPath(root);
        var real = RealPath.Of(full);
        if (real is not null && !RealPath.IsInside(realRoot, real))
            throw new UserFacingException($"{where}: path '{shown ?? full}' leads (through a link) to a file outside the dataset folder {root}");
    }
}
