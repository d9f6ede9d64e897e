namespace CxrSeg.Metrics;

/// <summary>
/// Pure IoU/Dice arithmetic with the explicit empty-class rule: a class absent from both ground truth and
/// prediction over the whole evaluation set is n/a (left out of the means), never 0 or 1.
/// </summary>
public static class OverlapMath
{
    /// <summary>Status of a class that is scored.</summary>
    public const string StatusOk = "ok";

    /// <summary>Status of a class with no pixel in ground truth nor prediction.</summary>
    public const string StatusAbsent = "n/a: absent from ground truth and prediction";

    /// <summary>Status of a class that no evaluated image has labelled.</summary>
    public const string StatusUnlabelled = "n/a: not labelled in any evaluated image";

    /// <summary>The reduction written into every segmentation results file.</summary>
    public const string Reduction = "pooled over images per class; mean over classes present (n/a excluded)";

    /// <summary>|P∩T| / |P∪T|, or null when the union is empty.</summary>
    public static double? Iou(long intersection, long predicted, long truth)
    {
        var union = predicted + truth - intersection;
        return union <= 0 ? null : (double)intersection / union;
    }

    /// <summary>2|P∩T| / (|P|+|T|), or null when both are empty.</summary>
    public static double? Dice(long intersection, long predicted, long truth)
    {
        var denom = predicted + truth;
        return denom <= 0 ? null : 2.0 * intersection / denom;
    }

    /// <summary>Scores one class from pooled counts, applying the n/a rule.</summary>
    public static ClassScore Score(string name, long intersection, long predicted, long truth, int labelledImages)
    {
        if (labelledImages == 0) return new ClassScore(name, null, null, StatusUnlabelled, 0, 0, 0, 0);
        var iou = Iou(intersection, predicted, truth);
        if (iou is null) return new ClassScore(name, null, null, StatusAbsent, intersection, predicted, truth, labelledImages);
        return new ClassScore(name, iou, Dice(intersection, predicted, truth), StatusOk, intersection, predicted, truth, labelledImages);
    }

    /// <summary>Counts intersection, predicted and truth pixels of two binary masks of equal length (non-zero = set).</summary>
    public static (long Intersection, long Predicted, long Truth) Count(ReadOnlySpan<byte> predicted, ReadOnlySpan<byte> truth)
    {
        if (predicted.Length != truth.Length) throw new ArgumentException("prediction and truth differ in length");
        long i = 0, p = 0, t = 0;
        for (var k = 0; k < predicted.Length; k++)
        {
            var a = predicted[k] != 0;
            var b = truth[k] != 0;
            if (a) p++;
            if (b) t++;
            if (a && b) i++;
        }
        return (i, p, t);
    }

    /// <summary>Mean of the present classes' values, or null when none is present.</summary>
    public static double? MeanOverPresent(IEnumerable<double?> values)
    {
        var present = values.Where(v => v.HasValue).Select(v => v!.Value).ToList();
        return present.Count == 0 ? null : present.Average();
    }
}
