
namespace CxrSeg.Platform;

/// <summary>What a lock file holds: who took it and when (UTC), and a unique token.</summary>
public sealed record LockInfo(string Host, int Pid, DateTime ProcessStartUtc, DateTime TakenUtc, string Token, string? Job = null);
