
namespace CxrSeg.Data.Transforms;

/// <summary>On-the-fly, seeded augmentation of training images (never of validation or test images).</summary>
/// <param name="Enabled">Master switch.</param>
/// <param name="FlipProbability">Horizontal flip probability (swaps the Left/Right Lung channels).</param>
/// <param name="RotationProbability">Probability of a small rotation.</param>
/// <param name="MaxRotationDegrees">Rotation angle drawn uniformly in ±this.</param>
/// <param name="BlurProbability">Probability of a mild Gaussian blur (image only).</param>
/// <param name="BlurSigmaMin">Smallest blur sigma in pixels.</param>
/// <param name="BlurSigmaMax">Largest blur sigma in pixels.</param>
public sealed record AugmentOptions(
    bool Enabled = true,
    double FlipProbability = 0.5,
    double RotationProbability = 0.5,
    double MaxRotationDegrees = 5,
    double BlurProbability = 0.3,
    double BlurSigmaMin = 0.3,
    double BlurSigmaMax = 1.0)
{
    /// <summary>Throws a <see cref="UserFacingException"/> naming the bad field.</summary>
    public void Validate()
    {
        static void P(string n, double v)
        {
            if (!(v >= 0 && v <= 1)) throw new UserFacingException($"augmentation {n} must be in 0..1 (got {v})");
        }
        P("flip probability", FlipProbability);
        P("rotation probability", RotationProbability);
        P("blur probability", BlurProbability);
        if (!(MaxRotationDegrees >= 0 && MaxRotationDegrees <= 45)) throw new UserFacingException($"augmentation max rotation must be in 0..45 degrees (got {MaxRotationDegrees})");
        if (!(BlurSigmaMin > 0 && BlurSigmaMax >= BlurSigmaMin && BlurSigmaMax <= 5)) throw new UserFacingException($"augmentation blur sigma range must satisfy 0 < min ≤ max ≤ 5 (got {BlurSigmaMin}..{BlurSigmaMax})");
    }
}
