namespace CxrSeg.Data.Siim;

/// <summary>How SIIM boxes become mask channels.</summary>
public enum SiimMaskMode
{
    /// <summary>The paper: every box pixel takes the study's class (4 channels).</summary>
    StudyClass,
    /// <summary>One "Opacity" channel.</summary>
    Opacity,
}
