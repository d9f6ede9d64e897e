namespace CxrSeg.Predict;

/// <summary>One input file of a prediction job.</summary>
/// <param name="Path">File path.</param>
/// <param name="Display">Path shown in outputs: relative to the folder it was found in, or the file name.</param>
/// <param name="OutputName">Unique folder name of its outputs inside the output folder.</param>
public sealed record InputImage(string Path, string Display, string OutputName);
