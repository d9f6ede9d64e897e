namespace CxrSeg.Reports;

/// <summary>What <c>cxrseg report</c> reads and writes.</summary>
/// <param name="Input">A grid file, a workspace, a runs folder or one run folder.</param>
/// <param name="Workspace">The workspace a grid file's runs are in.</param>
/// <param name="OutDir">Folder for report.md, report.html, results.csv/json, charts/ and overlays/.</param>
/// <param name="Overlays">PNG images of test predictions to show (copied and embedded).</param>
/// <param name="Title">Report title.</param>
public sealed record ReportOptions(string Input, string Workspace, string OutDir, IReadOnlyList<string> Overlays, string Title = "CxrSeg results")
{
    /// <summary>Throws a <see cref="UserFacingException"/> naming the bad field.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Input)) throw new UserFacingException("report: input is empty");
        if (string.IsNullOrWhiteSpace(OutDir)) throw new UserFacingException("report: --out is empty");
        foreach (var o in Overlays)
        {
            if (!File.Exists(o)) throw new UserFacingException($"--overlay: file not found: {o}");
            if (!Path.GetExtension(o).Equals(".png", StringComparison.OrdinalIgnoreCase)) throw new UserFacingException($"--overlay: {o} is not a .png file");
        }
    }
}
