using CxrSeg.Reports;

namespace CxrSeg.Demo;

/// <summary>What a demo did: where its report is, the report's content, per-phase seconds, and the runs trained or reused.</summary>
/// <param name="Workspace">The demo workspace (absolute).</param>
/// <param name="ReportDir">Folder of report.md, report.html, results.csv/json, charts/ and overlays/.</param>
/// <param name="GridFile">The demo's grid file (its runs are the report's rows).</param>
/// <param name="Report">The report's summary: runs, Table 3, per-class table, files.</param>
/// <param name="PhaseSeconds">Wall seconds per phase, in order.</param>
/// <param name="RunsTrained">Runs trained by this invocation.</param>
/// <param name="RunsReused">Runs found finished and reused.</param>
/// <param name="RunsFailed">Runs that failed, with the reason.</param>
public sealed record DemoResult(
    string Workspace,
    string ReportDir,
    string GridFile,
    ReportSummary Report,
    IReadOnlyList<(DemoPhase Phase, double Seconds)> PhaseSeconds,
    int RunsTrained,
    int RunsReused,
    IReadOnlyList<(string Run, string Reason)> RunsFailed)
{
    /// <summary>report.html (absolute).</summary>
    public string ReportHtml => Path.Combine(ReportDir, "report.html");

    /// <summary>report.md (absolute).</summary>
    public string ReportMarkdown => Path.Combine(ReportDir, "report.md");
}
