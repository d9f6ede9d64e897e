namespace CxrSeg.Reports;

/// <summary>The entry point behind <c>cxrseg report</c>.</summary>
public static class ReportApi
{
    /// <summary>Writes the report and returns what it contains.</summary>
    public static ReportSummary Write(ReportOptions options) => ReportWriter.Write(options);
}
