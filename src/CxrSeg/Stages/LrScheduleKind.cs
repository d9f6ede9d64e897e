
namespace CxrSeg.Stages;

/// <summary>The learning-rate schedule, applied once per epoch.</summary>
public enum LrScheduleKind
{
    /// <summary>Constant learning rate.</summary>
    None,
    /// <summary>Cosine decay from the learning rate to the minimum over the maximum epochs.</summary>
    Cosine,
    /// <summary>Multiply by a factor when the monitored metric has not improved for a number of epochs.</summary>
    Plateau,
    /// <summary>Polynomial decay (nnU-Net): the learning rate × (1 − epoch / maximum epochs)^0.9.</summary>
    Poly,
}
