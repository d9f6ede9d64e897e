namespace CxrSeg.Data.Nih14;

/// <summary>
/// The segmentation classes of the <c>chestxdet</c> dataset: ChestX-Det's 13 findings, then the two NIH box labels that
/// ChestX-Det has no class for (Pneumonia, Infiltration). The other NIH box labels fall into ChestX-Det's same-named class.
/// </summary>
public static class ChestXDetClasses
{
    /// <summary>ChestX-Det's own classes, as spelt in its JSON.</summary>
    public static IReadOnlyList<string> ChestXDet { get; } =
    [
        "Atelectasis", "Calcification", "Cardiomegaly", "Consolidation", "Diffuse Nodule", "Effusion", "Emphysema",
        "Fibrosis", "Fracture", "Mass", "Nodule", "Pleural Thickening", "Pneumothorax",
    ];

    /// <summary>All mask channels, in cache order.</summary>
    public static IReadOnlyList<string> All { get; } = [.. ChestXDet, "Pneumonia", "Infiltration"];

    /// <summary>The channel of a ChestX-Det sym or an NIH box label ("Infiltrate" and underscores accepted); −1 when unknown.</summary>
    public static int IndexOf(string label)
    {
        var l = label.Trim().Replace('_', ' ');
        if (l.Equals("Infiltrate", StringComparison.OrdinalIgnoreCase)) l = "Infiltration";
        for (var i = 0; i < All.Count; i++)
            if (All[i].Equals(l, StringComparison.OrdinalIgnoreCase)) return i;
        return -1;
    }
}
