namespace CxrSeg.Predict;

/// <summary>What a prediction job did.</summary>
/// <param name="OutDir">The output folder.</param>
/// <param name="SummaryPath">summary.csv.</param>
/// <param name="Rows">One row per input, in input order.</param>
/// <param name="ClassNames">Classes written.</param>
/// <param name="Seconds">Wall time of the job, model loading included.</param>
/// <param name="Timings">Where the time went.</param>
public sealed record PredictJobResult(string OutDir, string SummaryPath, IReadOnlyList<PredictRow> Rows, IReadOnlyList<string> ClassNames, double Seconds,
    PredictTimings Timings)
{
    /// <summary>Images written.</summary>
    public int Written => Rows.Count(r => r.Status == PredictRow.Ok);

    /// <summary>Inputs that could not be read.</summary>
    public int Failed => Rows.Count(r => r.Status == PredictRow.Error);

    /// <summary>Inputs skipped because their outputs existed.</summary>
    public int Skipped => Rows.Count(r => r.Status == PredictRow.Skipped);
}
