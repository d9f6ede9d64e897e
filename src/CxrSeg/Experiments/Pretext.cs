namespace CxrSeg.Experiments;

/// <summary>How the CheXpert step is trained.</summary>
public enum Pretext
{
    /// <summary>No CheXpert step.</summary>
    None,

    /// <summary>Multi-label classifier on the 14 observations.</summary>
    Classifier,

    /// <summary>Autoencoder (reconstruction).</summary>
    Autoencoder,
}
