namespace CxrSeg.Predict;

/// <summary>Binary masks of one image at its original resolution.</summary>
/// <param name="Width">Original width in pixels.</param>
/// <param name="Height">Original height in pixels.</param>
/// <param name="ClassNames">Names of the kept classes, one per mask.</param>
/// <param name="Masks">One Width×Height plane of 0/1 bytes per kept class, row-major.</param>
public sealed record ImagePrediction(int Width, int Height, IReadOnlyList<string> ClassNames, IReadOnlyList<byte[]> Masks);
