namespace CxrSeg.Predict;

/// <summary>Progress of a prediction job (all methods optional).</summary>
public interface IPredictObserver
{
    /// <summary>The job found <paramref name="total"/> inputs and loaded the model.</summary>
    void OnStart(int total, TrainedModel model) { }

    /// <summary>One input is done (written, skipped or failed).</summary>
    void OnImage(PredictRow row) { }
}
