using CxrSeg.Experiments;

namespace CxrSeg.Reports;

/// <summary>
/// A row of Table 3: backbone × CheXpert pretext group (classifier or autoencoder) × strategy. Strategies none and
/// 1-step SIIM do not use CheXpert; their runs appear in both groups, as in the paper.
/// </summary>
public sealed record Table3Row(string Encoder, Pretext Group, Strategy Strategy)
{
    /// <summary>What the pretraining roles were trained on (the paper's CheXpert and SIIM by default).</summary>
    public RoleNames Roles { get; init; } = RoleNames.Paper;

    /// <summary>Row label, e.g. "2-step CheXpert → SIIM", or "2-step NIH14 → JSRT+ChestX-Det" on other sets.</summary>
    public string StrategyTitle => Strategy switch
    {
        Strategy.None => "none",
        Strategy.Siim => $"1-step {Roles.StepB}",
        Strategy.CheXpert => $"1-step {Roles.StepA}",
        _ => $"2-step {Roles.StepA} → {Roles.StepB}",
    };

    /// <summary>True when the run belongs to this row.</summary>
    public bool Holds(PlanLabels l) =>
        l.Encoder == Encoder && l.Strategy == Strategy && (l.Pretext == Pretext.None || l.Pretext == Group);
}
