namespace CxrSeg.Phantoms;

/// <summary>
/// A patient's anatomy in canonical units (a 1000-unit square frame, midline at x = 500, y growing downwards).
/// The patient's right is on the image's left.
/// </summary>
public sealed record PhantomAnatomy
{
    /// <summary>Half width of the thorax at the lung bases (lung lateral edge to midline).</summary>
    public float ThoraxHalfWidth { get; init; } = 360;
    /// <summary>Height of the lung apices.</summary>
    public float ApexY { get; init; } = 130;
    /// <summary>Top of the right hemidiaphragm dome (depends on inspiration).</summary>
    public float DomeRightY { get; init; } = 650;
    /// <summary>Top of the left hemidiaphragm dome (normally a little lower).</summary>
    public float DomeLeftY { get; init; } = 670;
    /// <summary>How far the costophrenic angles lie below the domes.</summary>
    public float CostophrenicDepth { get; init; } = 80;
    /// <summary>Cardiothoracic ratio (heart width / thoracic width).</summary>
    public float CardiothoracicRatio { get; init; } = 0.45f;
    /// <summary>Half width of the upper mediastinum.</summary>
    public float MediastinumHalfWidth { get; init; } = 60;
    /// <summary>Lateral shift of the trachea.</summary>
    public float TrachealShift { get; init; }
    /// <summary>Soft-tissue attenuation (body habitus).</summary>
    public float SoftTissue { get; init; } = 0.55f;
    /// <summary>Whether breast shadows are drawn.</summary>
    public bool Female { get; init; }
    /// <summary>Whether a gastric air bubble lies under the left dome.</summary>
    public bool GastricBubble { get; init; } = true;
    /// <summary>Seed of the patient's fixed details (vessel tree, rib jitter).</summary>
    public ulong DetailSeed { get; init; }
}
