namespace CxrSeg.Phantoms;

/// <summary>Progress callback: dataset name, items done, items in all.</summary>
public delegate void SynthProgress(string dataset, int done, int total);
