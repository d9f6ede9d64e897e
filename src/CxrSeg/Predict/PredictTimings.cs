namespace CxrSeg.Predict;

/// <summary>
/// Where a prediction job's time went, in seconds summed over its images. The first three run on the calling
/// thread, the next two on the writer thread, concurrently with them; <see cref="WaitingForWriter"/> is the time the
/// calling thread was held up because the writer was <see cref="PredictJob.WriteQueueCapacity"/> images behind.
/// </summary>
public sealed record PredictTimings(double Decode, double Forward, double WaitingForWriter, double MapBack, double Write)
{
    /// <summary>One line for logs.</summary>
    public override string ToString() =>
        $"decode {Decode:0.000} s, forward {Forward:0.000} s, waiting for the writer {WaitingForWriter:0.000} s; writer: masks to the original size {MapBack:0.000} s, findings and files {Write:0.000} s";
}
