namespace CxrSeg.Demo;

/// <summary>Receives a demo's progress (the CLI draws it with Spectre; tests may record it).</summary>
public interface IDemoObserver
{
    /// <summary>A phase starts; <paramref name="reused"/> when its result is already on disk and is reused.</summary>
    void OnPhase(DemoPhase phase, string description, bool reused);

    /// <summary>Work within a phase: <paramref name="done"/> of <paramref name="total"/> units, with a description.</summary>
    void OnProgress(DemoPhase phase, double done, double total, string description);

    /// <summary>Training progress: the estimate of the remaining training time (null before the first measurement).</summary>
    void OnEta(TimeSpan? remaining);

    /// <summary>A line worth keeping (stage finished, run finished, warnings).</summary>
    void OnLine(string line);
}
