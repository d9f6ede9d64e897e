namespace CxrSeg.Phantoms;

/// <summary>Kind of a parenchymal opacity.</summary>
public enum OpacityKind
{
    /// <summary>Ground-glass opacity: faint, hazy, vessels still visible.</summary>
    GroundGlass,
    /// <summary>Consolidation: dense, may show air bronchograms.</summary>
    Consolidation,
}
