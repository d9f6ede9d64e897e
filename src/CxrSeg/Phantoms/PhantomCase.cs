namespace CxrSeg.Phantoms;

/// <summary>Everything needed to render one radiograph deterministically.</summary>
public sealed record PhantomCase(int Width, int Height, PhantomAnatomy Anatomy, PhantomFindings Findings, PhantomAcquisition Acquisition, ulong Seed);
