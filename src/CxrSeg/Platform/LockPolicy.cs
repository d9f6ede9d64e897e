
namespace CxrSeg.Platform;

/// <summary>
/// How locks are kept alive and judged stale: the holder touches its lock file every <see cref="Heartbeat"/>; a lock
/// is stale when its holder is a dead process on this host, or when it was not touched for <see cref="StaleAfter"/>
/// (a holder on another machine that died).
/// </summary>
public sealed record LockPolicy(TimeSpan Heartbeat, TimeSpan StaleAfter)
{
    /// <summary>30 s heartbeat, stale after 10 min.</summary>
    public static LockPolicy Default { get; } = new(TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(10));

    /// <summary>Throws an <see cref="ArgumentException"/> naming the bad field.</summary>
    public void Validate()
    {
        if (Heartbeat <= TimeSpan.Zero) throw new ArgumentException("LockPolicy.Heartbeat must be > 0");
        if (StaleAfter <= Heartbeat * 2) throw new ArgumentException("LockPolicy.StaleAfter must be more than twice the heartbeat");
    }
}
