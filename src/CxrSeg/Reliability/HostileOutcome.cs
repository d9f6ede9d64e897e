namespace CxrSeg.Reliability;

/// <summary>What happened to one case: accepted, refused with a message, crashed (any other exception) or ran past its time limit.</summary>
public sealed record HostileOutcome(HostileCase Case, bool Accepted, string? Error, string? Crash, bool TimedOut, double Seconds)
{
    /// <summary>True when the outcome is the one the case expects (a refusal must mention <see cref="HostileCase.MustMention"/>).</summary>
    public bool AsExpected => !TimedOut && Crash is null && Case.Expect switch
    {
        HostileExpect.Accept => Accepted,
        HostileExpect.Survive => Accepted || (Error is not null && Error.Contains(Path.GetFileName(Case.Input), StringComparison.Ordinal)),
        _ => Error is not null && (Case.MustMention is null || Error.Contains(Case.MustMention, StringComparison.OrdinalIgnoreCase)),
    };

    /// <summary>One line for a failure report.</summary>
    public override string ToString() =>
        $"{Case.Id} [{Case.Class}] expected {Case.Expect}{(Case.MustMention is null ? "" : $" mentioning '{Case.MustMention}'")}: " +
        (TimedOut ? "TIMED OUT" : Crash is not null ? "CRASH " + Crash : Accepted ? "accepted" : "refused: " + Error);
}
