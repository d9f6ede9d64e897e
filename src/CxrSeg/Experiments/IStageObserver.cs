using CxrSeg.Runs;

namespace CxrSeg.Experiments;

/// <summary>
/// Receives a stage's progress as typed events (the plan runner reports start and end, the executor the rest). Every
/// method has an empty default, so an observer implements only what it shows.
/// </summary>
public interface IStageObserver
{
    /// <summary>The executor is about to train the stage.</summary>
    void OnStageStarted(StageRequest request) { }

    /// <summary>A line worth logging (dataset and work folder, initialisation report, resume, test result).</summary>
    void OnMessage(StageRequest request, string message) { }

    /// <summary>An epoch ended (after its validation): the record, the monitored metric and the best value so far.</summary>
    void OnEpochEnd(StageRequest request, EpochRecord record, string monitor, double? best) { }

    /// <summary>The executor returned (the stage's files are in the request's output folder).</summary>
    void OnStageFinished(StageRequest request) { }
}
