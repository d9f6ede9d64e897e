namespace CxrSeg.Experiments;

/// <summary>Plan labels with names instead of enums (as stored in run.json and results.json).</summary>
public sealed record PlanLabelsDto(string Architecture, string Encoder, string Strategy, string Init, string? Transfer, int Repeat)
{
    /// <summary>The names of the labels.</summary>
    public static PlanLabelsDto Of(PlanLabels l) =>
        new(l.Architecture, l.Encoder, PlanNames.StrategyName(l.Strategy, l.Pretext), PlanNames.Of(l.Init), l.Transfer is { } t ? PlanNames.Of(t) : null, l.Repeat);

    /// <summary>Back to enums; errors name the field.</summary>
    public PlanLabels ToLabels()
    {
        var (s, p) = PlanNames.ParseStrategy(Strategy, "labels.strategy");
        return new PlanLabels(Architecture, Encoder, s, p, PlanNames.ParseInit(Init, "labels.init"),
            Transfer is null ? null : PlanNames.ParseTransfer(Transfer, "labels.transfer"), Repeat);
    }
}
