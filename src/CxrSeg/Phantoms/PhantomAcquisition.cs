namespace CxrSeg.Phantoms;

/// <summary>How one radiograph of a phantom is taken and processed.</summary>
public sealed record PhantomAcquisition
{
    /// <summary>Antero-posterior (portable: magnified heart, scapulae over the lungs, high clavicles) instead of PA.</summary>
    public bool Ap { get; init; }
    /// <summary>In-plane rotation in degrees.</summary>
    public float RotationDegrees { get; init; }
    /// <summary>Horizontal shift of the patient in canonical units.</summary>
    public float ShiftX { get; init; }
    /// <summary>Vertical shift of the patient in canonical units.</summary>
    public float ShiftY { get; init; }
    /// <summary>Zoom (1 = the thorax fills about 90 % of the width; see <see cref="PhantomRenderer.FieldOfView"/>).</summary>
    public float Zoom { get; init; } = 1;
    /// <summary>Attenuation mapped to black.</summary>
    public float Low { get; init; } = 0.05f;
    /// <summary>Attenuation mapped to white (lower = more exposure, brighter image).</summary>
    public float High { get; init; } = 0.95f;
    /// <summary>Contrast curve exponent.</summary>
    public float Gamma { get; init; } = 1;
    /// <summary>Detector noise (standard deviation in attenuation units).</summary>
    public float Noise { get; init; } = 0.01f;
    /// <summary>Blur (standard deviation in pixels).</summary>
    public float BlurPixels { get; init; } = 0.7f;
    /// <summary>Top-to-bottom exposure gradient (heel effect), relative.</summary>
    public float Heel { get; init; }
    /// <summary>Side marker drawn: 0 none, -1 "R" side marker at the image left, +1 "L" at the image right.</summary>
    public int Marker { get; init; }
}
