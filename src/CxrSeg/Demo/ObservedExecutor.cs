using CxrSeg.Experiments;

namespace CxrSeg.Demo;

/// <summary>Wraps a stage executor to report each stage's start and end (for progress and the ETA).</summary>
internal sealed class ObservedExecutor(IStageExecutor inner, Action<StageRequest> started, Action<StageRequest> finished) : IStageExecutor
{
    public void Execute(StageRequest request, CancellationToken cancel)
    {
        started(request);
        inner.Execute(request, cancel);
        finished(request);
    }
}
