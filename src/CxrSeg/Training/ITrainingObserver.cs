using CxrSeg.Runs;

namespace CxrSeg.Training;

/// <summary>Receives training events (progress bars, logs, tests). Every method has an empty default.</summary>
public interface ITrainingObserver
{
    /// <summary>A message for the log (resume, restore, stop reasons).</summary>
    void OnMessage(string message) { }

    /// <summary>After each optimiser step.</summary>
    void OnStep(TrainingProgress progress) { }

    /// <summary>After each epoch's validation.</summary>
    void OnEpochEnd(EpochRecord record, string monitor, double? best) { }
}
