using CxrSeg.Experiments;

namespace CxrSeg.Reports;

/// <summary>
/// A row of Table 3: backbone × CheXpert pretext group (classifier or autoencoder) × strategy. Strategies none and
/// 1-step SIIM do not use CheXpert; their runs appear in both groups, as in the paper.
/// </summary>
public sealed record Table3Row(string Encoder, Pretext Group, Strategy Strategy)
{
    /// <summary>Row label, e.g. "2-step (classifier → SIIM)".</summary>
    public string StrategyTitle => Strategy switch
    {
        Strategy.None => "none",
        Strategy.Siim => "1-step SIIM",
        Strategy.CheXpert => "1-step CheXpert",
        _ => "2-step CheXpert → SIIM",
    };

    /// <summary>True when the run belongs to this row.</summary>
    public bool Holds(PlanLabels l) =>
        l.Encoder == Encoder && l.Strategy == Strategy && (l.Pretext == Pretext.None || l.Pretext == Group);
}
