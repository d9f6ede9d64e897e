namespace CxrSeg.Data.Siim;

/// <summary>Turns SIIM's <c>boxes</c> and <c>label</c> strings into boxes, with errors that say what is wrong.</summary>
public static class SiimBoxParser
{
    /// <summary>Parses the <c>boxes</c> column (a Python list of dicts with x, y, width, height); empty / nan → no boxes.</summary>
    public static IReadOnlyList<SiimBox> ParseBoxes(string text)
    {
        var t = text.Trim();
        if (t.Length == 0 || t is "nan" or "NaN" or "None" or "[]") return [];
        object? v;
        try { v = PythonLiteral.Parse(t); }
        catch (FormatException e) { throw new FormatException($"boxes is not a valid Python literal: {e.Message}"); }
        if (v is not List<object?> list) throw new FormatException("boxes must be a list of dicts");
        var boxes = new List<SiimBox>();
        for (int i = 0; i < list.Count; i++)
        {
            if (list[i] is not Dictionary<string, object?> d) throw new FormatException($"boxes item {i} is not a dict");
            double Get(string k) => d.TryGetValue(k, out var o) && o is double x && double.IsFinite(x)
                ? x : throw new FormatException($"boxes item {i}: '{k}' is missing or not a finite number");
            var b = new SiimBox(Get("x"), Get("y"), Get("width"), Get("height"));
            if (b.Width < 0 || b.Height < 0) throw new FormatException($"boxes item {i}: negative width or height");
            boxes.Add(b);
        }
        return boxes;
    }

    /// <summary>Parses the <c>label</c> column: 6-token groups "opacity 1 xmin ymin xmax ymax" or "none 1 0 0 1 1".</summary>
    public static IReadOnlyList<(string Kind, SiimBox Box)> ParseLabel(string text)
    {
        var tok = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (tok.Length == 0 || tok.Length % 6 != 0) throw new FormatException($"label has {tok.Length} tokens, expected groups of 6 (kind confidence xmin ymin xmax ymax)");
        var res = new List<(string, SiimBox)>();
        for (int g = 0; g < tok.Length; g += 6)
        {
            var kind = tok[g].ToLowerInvariant();
            if (kind is not ("opacity" or "none")) throw new FormatException($"label group {g / 6}: kind '{tok[g]}' is neither opacity nor none");
            var n = new double[4];
            for (int k = 0; k < 4; k++)
                if (!double.TryParse(tok[g + 2 + k], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out n[k]) || !double.IsFinite(n[k]))
                    throw new FormatException($"label group {g / 6}: '{tok[g + 2 + k]}' is not a number");
            res.Add((kind, new SiimBox(n[0], n[1], n[2] - n[0], n[3] - n[1])));
        }
        return res;
    }
}
