namespace CxrSeg.Data.Nih14;

/// <summary>NIH ChestX-ray14's 14 finding labels, spelt as in Data_Entry_2017.csv ("No Finding" means none of them).</summary>
public static class Nih14Labels
{
    /// <summary>The labels, in the order written to the cache.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        "Atelectasis", "Cardiomegaly", "Effusion", "Infiltration", "Mass", "Nodule", "Pneumonia", "Pneumothorax",
        "Consolidation", "Edema", "Emphysema", "Fibrosis", "Pleural_Thickening", "Hernia",
    ];

    /// <summary>The value meaning no finding.</summary>
    public const string NoFinding = "No Finding";

    /// <summary>Index of a label, accepting BBox_List's "Infiltrate" for "Infiltration" and spaces for underscores; −1 when unknown.</summary>
    public static int IndexOf(string label)
    {
        var l = label.Trim().Replace(' ', '_');
        if (l.Equals("Infiltrate", StringComparison.OrdinalIgnoreCase)) l = "Infiltration";
        for (var i = 0; i < All.Count; i++)
            if (All[i].Equals(l, StringComparison.OrdinalIgnoreCase)) return i;
        return -1;
    }
}
