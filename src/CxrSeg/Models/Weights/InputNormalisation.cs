namespace CxrSeg.Models.Weights;

/// <summary>How input pixels were normalised for training: <c>(pixel/255 − Mean[c]) / Std[c]</c> per channel.</summary>
/// <param name="Mean">Per-channel mean, in [0, 1] units.</param>
/// <param name="Std">Per-channel standard deviation, in [0, 1] units.</param>
public sealed record InputNormalisation(double[] Mean, double[] Std)
{
    /// <summary>Throws an <see cref="ArgumentException"/> naming the bad field.</summary>
    public void Validate()
    {
        if (Mean.Length == 0) throw new ArgumentException("InputNormalisation.Mean is empty");
        if (Std.Length != Mean.Length) throw new ArgumentException($"InputNormalisation.Std has {Std.Length} values, Mean has {Mean.Length}");
        if (Std.Any(s => !(s > 0))) throw new ArgumentException("InputNormalisation.Std must be positive");
    }
}
