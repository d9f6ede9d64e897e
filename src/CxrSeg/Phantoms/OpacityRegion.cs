namespace CxrSeg.Phantoms;

/// <summary>
/// One opacity in one lung. Position is relative to that lung's bounding box: <see cref="Lateral"/> 0 = medial,
/// 1 = lateral; <see cref="Depth"/> 0 = apex, 1 = base. Radius is in canonical units.
/// </summary>
public sealed record OpacityRegion(OpacityKind Kind, int Side, float Lateral, float Depth, float Radius, float Amplitude)
{
    /// <summary>Patient's right lung (image left).</summary>
    public const int Right = -1;
    /// <summary>Patient's left lung (image right).</summary>
    public const int Left = 1;
}
