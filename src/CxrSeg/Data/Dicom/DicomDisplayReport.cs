namespace CxrSeg.Data.Dicom;

/// <summary>What the display pipeline applied to a DICOM, in order, for <c>inspect</c> and the prepare manifest.</summary>
public sealed record DicomDisplayReport(
    string ModalityLut,
    string VoiStep,
    bool Inverted)
{
    /// <summary>One line: "modality LUT …; VOI …; MONOCHROME1 inverted / not inverted".</summary>
    public override string ToString() =>
        $"modality LUT: {ModalityLut}; VOI: {VoiStep}; {(Inverted ? "MONOCHROME1 → inverted" : "not inverted")}";
}
