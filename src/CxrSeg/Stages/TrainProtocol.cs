
namespace CxrSeg.Stages;

/// <summary>How training and validation images are chosen.</summary>
public enum TrainProtocol
{
    /// <summary>The prepared train / validation split (pretraining stages).</summary>
    Plain,
    /// <summary>The paper's rotating partitions: one network, each run trains on all partitions but one and validates on it; one run per partition makes an epoch.</summary>
    Rotating,
    /// <summary>Standard k-fold cross-validation: an independent network per fold.</summary>
    KFold,
}
