
namespace CxrSeg.Stages;

/// <summary>The optimiser.</summary>
public enum OptimizerKind
{
    /// <summary>Adam (weight decay added to the gradient).</summary>
    Adam,
    /// <summary>AdamW (decoupled weight decay).</summary>
    AdamW,
}
