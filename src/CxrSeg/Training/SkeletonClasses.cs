using CxrSeg.Data.Ccxs;

namespace CxrSeg.Training;

/// <summary>
/// Which classes the skeleton loss term applies to (<see cref="Stages.TrainOptions.SkeletonClasses"/>): empty for every class,
/// <c>devices</c> for the CCXS tube/line/probe classes present in the set, or names and 0-based indices, comma-separated.
/// </summary>
public static class SkeletonClasses
{
    /// <summary>The keyword for the CCXS device classes.</summary>
    public const string DevicesKeyword = "devices";

    /// <summary>One flag per class; throws a <see cref="UserFacingException"/> naming the skeleton classes on an unknown entry.</summary>
    public static bool[] Resolve(string spec, IReadOnlyList<string> classNames)
    {
        var flags = new bool[classNames.Count];
        if (spec.Trim().Length == 0)
        {
            Array.Fill(flags, true);
            return flags;
        }
        foreach (var entry in spec.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (entry.Equals(DevicesKeyword, StringComparison.OrdinalIgnoreCase))
            {
                var any = false;
                for (var k = 0; k < classNames.Count; k++)
                    if (CcxsClasses.DeviceNames.Contains(classNames[k], StringComparer.OrdinalIgnoreCase)) flags[k] = any = true;
                if (!any) throw new UserFacingException($"skeleton classes: the dataset has none of the device classes ({string.Join(", ", CcxsClasses.DeviceNames)})");
                continue;
            }
            if (int.TryParse(entry, out var index))
            {
                if (index < 0 || index >= classNames.Count)
                    throw new UserFacingException($"skeleton classes: index {index} is outside 0..{classNames.Count - 1}");
                flags[index] = true;
                continue;
            }
            var at = -1;
            for (var k = 0; k < classNames.Count; k++)
                if (string.Equals(classNames[k], entry, StringComparison.OrdinalIgnoreCase)) at = k;
            if (at < 0) throw new UserFacingException($"skeleton classes: no class named '{entry}' (classes: {string.Join(", ", classNames)})");
            flags[at] = true;
        }
        return flags;
    }
}
