
namespace CxrSeg.Experiments;

/// <summary>Ready-made <see cref="IStageObserver"/>s.</summary>
public static class StageObserver
{
    /// <summary>An observer that ignores every event.</summary>
    public static IStageObserver None { get; } = new NoneObserver();

    private sealed class NoneObserver : IStageObserver;
}
