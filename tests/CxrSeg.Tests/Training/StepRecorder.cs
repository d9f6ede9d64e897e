using CxrSeg.Runs;
using CxrSeg.Training;

namespace CxrSeg.Tests.Training;

/// <summary>Records step losses and epochs; cancels after a given number of steps (a simulated kill).</summary>
internal sealed class StepRecorder(CancellationTokenSource? cancel = null, long cancelAfterStep = long.MaxValue) : ITrainingObserver
{
    public List<double> Losses { get; } = [];
    public List<EpochRecord> Epochs { get; } = [];
    public List<string> Messages { get; } = [];

    public void OnStep(TrainingProgress p)
    {
        Losses.Add(p.Loss);
        if (p.GlobalStep >= cancelAfterStep) cancel?.Cancel();
    }

    public void OnEpochEnd(EpochRecord record, string monitor, double? best) => Epochs.Add(record);

    public void OnMessage(string message) => Messages.Add(message);
}
