namespace CxrSeg.Predict;

/// <summary>The outcome for one input of a prediction job (one line of summary.csv).</summary>
/// <param name="Input">The input as shown in outputs (relative path).</param>
/// <param name="OutputName">Folder of its outputs inside the output folder.</param>
/// <param name="Status">"ok", "error" or "skipped".</param>
/// <param name="Message">Why it failed or was skipped (empty when ok).</param>
/// <param name="Width">Original width (0 when unread).</param>
/// <param name="Height">Original height (0 when unread).</param>
/// <param name="Findings">Areas and findings (null unless ok).</param>
public sealed record PredictRow(string Input, string OutputName, string Status, string Message, int Width, int Height, Findings? Findings)
{
    /// <summary>Status of a written image.</summary>
    public const string Ok = "ok";
    /// <summary>Status of an unreadable image.</summary>
    public const string Error = "error";
    /// <summary>Status of an image whose outputs already existed (--skip-existing).</summary>
    public const string Skipped = "skipped";
}
