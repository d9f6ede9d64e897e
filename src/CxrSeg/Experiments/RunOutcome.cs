namespace CxrSeg.Experiments;

/// <summary>What happened to a plan in one attempt.</summary>
public enum RunOutcome
{
    /// <summary>Trained now and finished.</summary>
    Done,

    /// <summary>Already finished earlier; nothing trained.</summary>
    AlreadyDone,

    /// <summary>Another live process holds the run's lock.</summary>
    Busy,

    /// <summary>A stage threw; the reason is in failed/&lt;run&gt;.json.</summary>
    Failed,
}
