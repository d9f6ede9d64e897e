
namespace CxrSeg.Data.Transforms;

/// <summary>Intensity normalisation: pixel/255 then (x − Mean) / Std, both on the 0..1 scale.</summary>
/// <param name="Mean">Subtracted mean (0..1 scale). Default 0.449: ImageNet's RGB means averaged, for grey input.</param>
/// <param name="Std">Divisor (0..1 scale). Default 0.226: ImageNet's RGB standard deviations averaged.</param>
public sealed record Normalisation(double Mean = 0.449, double Std = 0.226)
{
    /// <summary>Throws a <see cref="UserFacingException"/> naming the bad field.</summary>
    public void Validate()
    {
        if (!(Mean >= 0 && Mean <= 1)) throw new UserFacingException($"normalisation mean must be in 0..1 (got {Mean})");
        if (!(Std > 0 && Std <= 10)) throw new UserFacingException($"normalisation std must be > 0 (got {Std})");
    }
}
