namespace CxrSeg.Data.Siim;

/// <summary>The four SIIM-FISABIO-RSNA study classes, in the study CSV's column order.</summary>
public static class SiimStudyClasses
{
    /// <summary>Column names of train_study_level.csv after <c>id</c>.</summary>
    public static readonly IReadOnlyList<string> All =
        ["Negative for Pneumonia", "Typical Appearance", "Indeterminate Appearance", "Atypical Appearance"];

    /// <summary>Mask channels when boxes take the study class (the paper's default): the four classes.</summary>
    public static IReadOnlyList<string> MaskChannels => All;

    /// <summary>The single-channel alternative.</summary>
    public const string Opacity = "Opacity";
}
