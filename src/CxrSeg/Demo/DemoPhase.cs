namespace CxrSeg.Demo;

/// <summary>The phases of a demo, in order.</summary>
public enum DemoPhase
{
    /// <summary>Generating the phantom datasets.</summary>
    Synth,
    /// <summary>Preparing the three datasets into the training cache.</summary>
    Prepare,
    /// <summary>Training the grid's stages.</summary>
    Train,
    /// <summary>Rendering test predictions.</summary>
    Overlays,
    /// <summary>Writing the report.</summary>
    Report,
}
