namespace CxrSeg.Experiments;

/// <summary>What a stage trains the network to do.</summary>
public enum StageTask
{
    /// <summary>Multi-label image classification (CheXpert observations).</summary>
    Classify,

    /// <summary>Image reconstruction by an autoencoder (no labels needed).</summary>
    Reconstruct,

    /// <summary>Semantic segmentation (SIIM boxes as masks, or CCXS).</summary>
    Segment,
}
