namespace CxrSeg.Experiments;

/// <summary>State of a plan in a workspace.</summary>
public enum RunState
{
    /// <summary>Finished: run folder present.</summary>
    Done,

    /// <summary>A live process holds its lock.</summary>
    Running,

    /// <summary>Its last attempt failed (see the reason).</summary>
    Failed,

    /// <summary>Not started, or its holder died (stale lock).</summary>
    Pending,
}
