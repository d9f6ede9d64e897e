namespace CxrSeg.Predict;

/// <summary>How an overlay is drawn.</summary>
/// <param name="FillAlpha">Opacity of region fills (0–1).</param>
/// <param name="OutlineClasses">Classes drawn as opaque outlines instead of fills (thin devices).</param>
/// <param name="Legend">Draw a legend of the classes present.</param>
public sealed record OverlayStyle(double FillAlpha, IReadOnlySet<string> OutlineClasses, bool Legend = true)
{
    /// <summary>Translucent fills for anatomy and findings, opaque outlines for the five device classes.</summary>
    public static OverlayStyle Default { get; } = new(0.38, new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "Endotracheal tube", "Central venous line", "Monitoring probes", "Nasogastric tube", "Other tubing",
    });
}
