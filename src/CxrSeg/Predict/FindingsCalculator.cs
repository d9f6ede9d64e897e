using CxrSeg.Data.Ccxs;

namespace CxrSeg.Predict;

/// <summary>
/// Turns binary class masks at the original resolution into areas and a findings summary: opacity burden per
/// lung (GGO and consolidation inside the lung mask), effusion and pneumothorax present or not, devices present.
/// A finding counts as present when it covers at least <c>presenceFraction</c> of the image (and ≥ 1 pixel).
/// </summary>
public static class FindingsCalculator
{
    private static readonly string[] DeviceNames =
        ["Endotracheal tube", "Central venous line", "Monitoring probes", "Nasogastric tube", "Other tubing"];

    /// <summary>Computes the findings. <paramref name="masks"/>[c] holds width×height 0/1 bytes for <paramref name="classNames"/>[c].</summary>
    public static Findings Compute(IReadOnlyList<string> classNames, IReadOnlyList<byte[]> masks, int width, int height,
        double presenceFraction = 0.0005)
    {
        if (classNames.Count != masks.Count) throw new ArgumentException("one mask per class name is required");
        long total = (long)width * height;
        foreach (var (m, i) in masks.Select((m, i) => (m, i)))
            if (m.Length != total) throw new ArgumentException($"mask of '{classNames[i]}' holds {m.Length} pixels, expected {width}×{height}");
        var minPixels = Math.Max(1, (long)Math.Ceiling(presenceFraction * total));

        var areas = classNames.Select((n, c) =>
        {
            long px = MaskPixels.Count(masks[c]);
            return new ClassArea(n, px, 100.0 * px / total);
        }).ToArray();

        byte[]? Mask(string name)
        {
            var idx = IndexOf(classNames, name);
            return idx < 0 ? null : masks[idx];
        }

        var ggo = Mask(CcxsClasses.All[4].Name);
        var cons = Mask(CcxsClasses.All[5].Name);
        var burden = new List<LungBurden>();
        long lungsTotal = 0, opacityTotal = 0;
        foreach (var lungName in new[] { CcxsClasses.All[CcxsClasses.RightLung].Name, CcxsClasses.All[CcxsClasses.LeftLung].Name })
        {
            if (Mask(lungName) is not { } lung) continue;
            long lungPx = 0, ggoPx = 0, consPx = 0, anyPx = 0;
            for (var i = 0; i < lung.Length; i++)
            {
                if (lung[i] == 0) continue;
                lungPx++;
                var g = ggo is not null && ggo[i] != 0;
                var c = cons is not null && cons[i] != 0;
                if (g) ggoPx++;
                if (c) consPx++;
                if (g || c) anyPx++;
            }
            lungsTotal += lungPx;
            opacityTotal += anyPx;
            double? Pct(long v, bool known) => lungPx == 0 || !known ? null : 100.0 * v / lungPx;
            burden.Add(new LungBurden(lungName, lungPx, Pct(ggoPx, ggo is not null), Pct(consPx, cons is not null),
                Pct(anyPx, ggo is not null || cons is not null)));
        }
        double? totalOpacity = lungsTotal == 0 || (ggo is null && cons is null) ? null : 100.0 * opacityTotal / lungsTotal;

        bool? Present(string name) => Mask(name) is { } m ? MaskPixels.Count(m) >= minPixels : null;
        var devices = DeviceNames.Where(d => Present(d) == true).ToArray();
        return new Findings(areas, burden, totalOpacity, Present(CcxsClasses.All[6].Name), Present(CcxsClasses.All[7].Name),
            devices, minPixels);
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
            if (string.Equals(names[i], name, StringComparison.OrdinalIgnoreCase)) return i;
        return -1;
    }
}
