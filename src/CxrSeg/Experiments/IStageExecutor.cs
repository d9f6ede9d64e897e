
namespace CxrSeg.Experiments;

/// <summary>
/// Trains one stage. The experiment machinery (ids, locks, atomic folders, sharding) is independent of it: the
/// training engine plugs in through this interface.
/// </summary>
public interface IStageExecutor
{
    /// <summary>
    /// Trains the stage into <see cref="StageRequest.OutputFolder"/>, reporting its progress to <paramref name="observer"/>.
    /// Throwing marks the stage (and its plan) as failed with the exception's message; nothing is left in the
    /// finished-stage store.
    /// </summary>
    void Execute(StageRequest request, IStageObserver observer, CancellationToken cancel);
}
