namespace CxrSeg.Predict;

/// <summary>Area of one predicted class in one image.</summary>
/// <param name="Name">Class name.</param>
/// <param name="Pixels">Positive pixels at the original resolution.</param>
/// <param name="Percent">Pixels as % of the whole image.</param>
public sealed record ClassArea(string Name, long Pixels, double Percent);
