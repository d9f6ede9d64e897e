
namespace CxrSeg.Stages;

/// <summary>What the network learns.</summary>
public enum TrainTask
{
    /// <summary>Multi-label classification (BCE); validation AUROC.</summary>
    Classify,
    /// <summary>Autoencoder reconstruction of the input (MSE or L1).</summary>
    Reconstruct,
    /// <summary>Multi-label segmentation, one sigmoid channel per class.</summary>
    Segment,
}
