namespace CxrSeg.Experiments;

/// <summary>The pretraining strategy of a plan (the rows of the paper's Table 3).</summary>
public enum Strategy
{
    /// <summary>CCXS only.</summary>
    None,

    /// <summary>CheXpert (classifier or autoencoder) → CCXS.</summary>
    CheXpert,

    /// <summary>SIIM box masks → CCXS.</summary>
    Siim,

    /// <summary>CheXpert (classifier or autoencoder) → SIIM → CCXS.</summary>
    TwoStep,
}
