namespace CxrSeg.Phantoms;

/// <summary>What one dataset writer produced.</summary>
public sealed record SynthDatasetResult(string Name, string Folder, int Images, double Seconds);
