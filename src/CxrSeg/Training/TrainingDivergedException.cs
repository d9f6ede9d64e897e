namespace CxrSeg.Training;

/// <summary>The loss or the gradient norm became NaN or infinite; the message names the step, and the last good checkpoint is left untouched.</summary>
public sealed class TrainingDivergedException : UserFacingException
{
    /// <summary>Creates the exception.</summary>
    public TrainingDivergedException(long step, int epoch, int unit, double value, string quantity, string checkpointNote)
        : base($"{quantity} became {(double.IsNaN(value) ? "NaN" : "infinite")} at step {step} (epoch {epoch}, run {unit}); training stopped. {checkpointNote}")
    {
        Step = step;
    }

    /// <summary>The global step (from 1) whose loss was not finite.</summary>
    public long Step { get; }
}
