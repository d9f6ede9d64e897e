using System.Globalization;
using System.Text;

namespace CxrSeg.Bench;

/// <summary>Renders a <see cref="BenchReport"/> as Markdown (for the README): a header with date, machine and command, one table per suite.</summary>
public static class BenchMarkdown
{
    /// <summary>The Markdown text.</summary>
    public static string Render(BenchReport report)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine($"Measured {report.Date} on {report.Machine} ({report.Runtime}), median of {report.Repeat}, {report.TotalSeconds:F0} s in all:");
        sb.AppendLine();
        sb.AppendLine("```");
        sb.AppendLine(report.Command);
        sb.AppendLine("```");
        sb.AppendLine();
        sb.AppendLine("| suite | figure | value | unit | ratio | of | target | met |");
        sb.AppendLine("|---|---|---:|---|---:|---|---|---|");
        foreach (var s in report.Suites)
        {
            foreach (var f in s.Figures)
                sb.AppendLine(string.Join(" | ", "", s.Suite, Cell(f.Name), Number(f.Value), Cell(f.Unit),
                    f.Ratio is { } r ? r.ToString("F2", inv) : "", Cell(f.RatioOf ?? ""), Cell(f.Target ?? ""),
                    f.Met switch { true => "yes", false => "**no**", null => "" }, "").Trim());
        }
        sb.AppendLine();
        foreach (var s in report.Suites)
        {
            var load = string.Create(inv, $"{s.Threads} threads, load {s.LoadBefore:F2} → {s.LoadAfter:F2}, other processes {s.OtherBusy:P0} busy, {s.Seconds:F0} s");
            sb.AppendLine($"- `{s.Suite}`: {load}" + string.Concat(s.Notes.Select(n => "; " + Cell(n))));
        }
        return sb.ToString();
    }

    private static string Number(double v) =>
        double.IsNaN(v) ? "n/a" : Math.Abs(v) >= 1000 ? v.ToString("F0", CultureInfo.InvariantCulture) : v.ToString("G3", CultureInfo.InvariantCulture);

    private static string Cell(string s) => s.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
