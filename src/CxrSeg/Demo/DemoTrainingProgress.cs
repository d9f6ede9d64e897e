using CxrSeg.Experiments;
using CxrSeg.Runs;

namespace CxrSeg.Demo;

/// <summary>
/// Turns the grid's stage events into the demo's training progress: each stage's start and end, and within a stage
/// its epochs against the planned epochs of its dataset, with the remaining-time estimate.
/// </summary>
internal sealed class DemoTrainingProgress(IDemoObserver demo, TrainingEta eta, DemoSizes sizes, int stagesToTrain) : IStageObserver
{
    private int _stagesDone;

    public void OnStageStarted(StageRequest request)
    {
        eta.Start(request.StageId);
        Report($"stage {_stagesDone + 1}/{stagesToTrain}: {request.Stage.ShortName}{(request.IsFinal ? $" seed {request.Stage.Seed}" : "")}");
    }

    public void OnEpochEnd(StageRequest request, EpochRecord record, string monitor, double? best)
    {
        eta.Advance(record.Epoch / (double)Math.Max(1, sizes.EpochsOf(request.Stage.Dataset)));
        Report($"{request.Stage.ShortName}: epoch {record.Epoch}");
    }

    public void OnStageFinished(StageRequest request)
    {
        eta.Finish(request.StageId);
        _stagesDone++;
        Report($"stage {_stagesDone}/{stagesToTrain} done: {request.Stage.ShortName}");
    }

    private void Report(string description)
    {
        demo.OnProgress(DemoPhase.Train, eta.Done, Math.Max(1, eta.Total), description);
        demo.OnEta(eta.Remaining);
    }
}
