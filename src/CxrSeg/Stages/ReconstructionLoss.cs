
namespace CxrSeg.Stages;

/// <summary>Reconstruction loss.</summary>
public enum ReconstructionLoss
{
    /// <summary>Mean squared error.</summary>
    Mse,
    /// <summary>Mean absolute error.</summary>
    L1,
}
