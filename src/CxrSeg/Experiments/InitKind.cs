namespace CxrSeg.Experiments;

/// <summary>Where a stage's starting weights come from.</summary>
public enum InitKind
{
    /// <summary>Random initialisation.</summary>
    Random,

    /// <summary>ImageNet weights for the encoder.</summary>
    ImageNet,

    /// <summary>The previous stage's weights (what is transferred is set by <see cref="TransferMode"/>).</summary>
    Previous,

    /// <summary>A weights file named by the stage option <c>initWeights</c> (smp or torchvision layout; first stages only).</summary>
    File,
}
