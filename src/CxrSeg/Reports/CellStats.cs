namespace CxrSeg.Reports;

/// <summary>One table cell: mean over repeats, spread (best − worst) and the number of repeats, in percent.</summary>
public sealed record CellStats(double Mean, double Spread, int N, double Best, double Worst)
{
    /// <summary>Stats of fractions in [0, 1], reported in percent; null for no values.</summary>
    public static CellStats? Of(IEnumerable<double> fractions)
    {
        var v = fractions.Select(x => x * 100).ToList();
        if (v.Count == 0) return null;
        return new CellStats(v.Average(), v.Max() - v.Min(), v.Count, v.Max(), v.Min());
    }

    /// <summary>"54.3 ± 2.1 (n=3)".</summary>
    public override string ToString() => $"{Mean:0.0} ± {Spread:0.0} (n={N})";
}
