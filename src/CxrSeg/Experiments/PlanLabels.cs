using CxrSeg.Models.Weights;

namespace CxrSeg.Experiments;

/// <summary>
/// Where a plan sits in the paper's Table 3: the labels a report groups by. <see cref="Transfer"/> is null when
/// the plan transfers nothing (strategy none); <see cref="Repeat"/> is the repeat index (0-based).
/// </summary>
public sealed record PlanLabels(
    string Architecture,
    string Encoder,
    Strategy Strategy,
    Pretext Pretext,
    InitKind Init,
    TransferMode? Transfer,
    int Repeat,
    string Variant = "")
{
    /// <summary>The same labels without the repeat: the key of a table cell group.</summary>
    public PlanLabels WithoutRepeat => this with { Repeat = 0 };
}
