namespace CxrSeg.Experiments;

/// <summary>The dataset a stage trains on.</summary>
public enum DatasetKind
{
    /// <summary>CheXpert (step A: classifier or autoencoder).</summary>
    CheXpert,

    /// <summary>SIIM-FISABIO-RSNA with boxes rasterised into masks (step B).</summary>
    Siim,

    /// <summary>CCXS, the small target set (final stage).</summary>
    Ccxs,
}
