namespace CxrSeg.Metrics;

/// <summary>Area under the ROC curve (Mann–Whitney U with average ranks for ties): a pure function.</summary>
public static class Auroc
{
    /// <summary>AUROC of scores against 0/1 labels; null when the labels hold only one class.</summary>
    public static double? Compute(IReadOnlyList<float> scores, IReadOnlyList<float> labels)
    {
        if (scores.Count != labels.Count) throw new ArgumentException("scores and labels differ in length");
        var n = scores.Count;
        var order = Enumerable.Range(0, n).OrderBy(i => scores[i]).ToArray();
        var ranks = new double[n];
        for (var i = 0; i < n;)
        {
            var j = i;
            while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) j++;
            var avg = (i + j) / 2.0 + 1;
            for (var k = i; k <= j; k++) ranks[order[k]] = avg;
            i = j + 1;
        }
        double pos = 0, rankSum = 0;
        for (var i = 0; i < n; i++)
        {
            if (labels[i] > 0.5f) { pos++; rankSum += ranks[i]; }
        }
        var neg = n - pos;
        if (pos == 0 || neg == 0) return null;
        return (rankSum - pos * (pos + 1) / 2) / (pos * neg);
    }
}
