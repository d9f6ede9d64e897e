
namespace CxrSeg.Platform;

/// <summary>The state of a lock file: whether it exists, whether it is stale, and who holds it (null if unreadable).</summary>
public sealed record LockState(bool Exists, bool Stale, LockInfo? Holder);
