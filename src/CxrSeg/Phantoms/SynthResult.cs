namespace CxrSeg.Phantoms;

/// <summary>Summary of a <see cref="PhantomSynthesizer.Run"/>.</summary>
public sealed record SynthResult(IReadOnlyList<SynthDatasetResult> Datasets, double Seconds, int Threads)
{
    /// <summary>Rendered images per second (all threads).</summary>
    public double PhantomsPerSecond => Datasets.Sum(d => d.Images) / Math.Max(1e-9, Seconds);
}
