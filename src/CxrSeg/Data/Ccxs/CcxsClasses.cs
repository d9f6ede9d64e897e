namespace CxrSeg.Data.Ccxs;

/// <summary>One CCXS class: the paper's name, the data's Template Name, and the mask colour.</summary>
public sealed record CcxsClass(int Index, string Name, string DataName, byte R, byte G, byte B);

/// <summary>The 13 CCXS classes in the paper's order (DATASETS.md section 1).</summary>
public static class CcxsClasses
{
    /// <summary>All classes, index = channel.</summary>
    public static readonly IReadOnlyList<CcxsClass> All =
    [
        new(0, "Right Lung", "Right Lung", 187, 73, 73),
        new(1, "Left Lung", "Left Lung", 255, 0, 0),
        new(2, "Cardiomediastinum", "Cardiomediastinum", 255, 134, 134),
        new(3, "Airways", "Airways", 255, 124, 33),
        new(4, "Ground glass opacities", "Ground Glass Opacities", 255, 248, 11),
        new(5, "Consolidation", "Consolidation", 166, 209, 6),
        new(6, "Pleural effusion", "Pleural Effusion", 57, 105, 22),
        new(7, "Pneumothorax", "Pneumothorax", 33, 246, 133),
        new(8, "Endotracheal tube", "Endotracheal Tube", 146, 236, 188),
        new(9, "Central venous line", "Central Venous Line", 0, 255, 228),
        new(10, "Monitoring probes", "Monitoring Probes", 27, 104, 247),
        new(11, "Nasogastric tube", "Nosogastric Tube", 211, 0, 192),
        new(12, "Other tubing", "Tubings", 254, 0, 123),
    ];

    /// <summary>Channel of the patient's right lung (image left).</summary>
    public const int RightLung = 0;

    /// <summary>Channel of the patient's left lung (image right); a horizontal flip swaps it with <see cref="RightLung"/>.</summary>
    public const int LeftLung = 1;

    /// <summary>The tubular device classes (endotracheal tube, central venous line, monitoring probes, nasogastric tube, other tubing): thin structures a skeleton loss term suits.</summary>
    public static IReadOnlyList<string> DeviceNames => All.Skip(8).Select(c => c.Name).ToArray();

    /// <summary>The paper's class names in channel order.</summary>
    public static IReadOnlyList<string> Names => All.Select(c => c.Name).ToArray();
}
