using System.Text.Json;
using System.Text.Json.Nodes;

namespace CxrSeg.Metrics;

/// <summary>
/// Writes the <c>metrics.json</c> format other tools read: task, split, threshold, reduction, nImages, the
/// per-class entries (null + "n/a: …" status where a class is not scored) and the means.
/// </summary>
public static class MetricsJson
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Segmentation results: per-class iou/dice, mIoU, mDice.</summary>
    public static string Segmentation(SegmentationScores s, string split)
    {
        var classes = new JsonArray();
        foreach (var c in s.Classes)
            classes.Add(new JsonObject { ["name"] = c.Name, ["iou"] = c.Iou, ["dice"] = c.Dice, ["status"] = c.Status });
        var o = new JsonObject
        {
            ["task"] = "segment", ["split"] = split, ["threshold"] = s.Threshold, ["reduction"] = OverlapMath.Reduction,
            ["nImages"] = s.Images, ["classes"] = classes, ["mIoU"] = s.MeanIou, ["mDice"] = s.MeanDice,
        };
        return o.ToJsonString(Indented);
    }

    /// <summary>Classification results: per-label auroc and meanAuroc.</summary>
    public static string Classification(ClassificationScores s, string split, double threshold)
    {
        var classes = new JsonArray();
        foreach (var l in s.Labels)
            classes.Add(new JsonObject { ["name"] = l.Name, ["auroc"] = l.Auroc, ["status"] = l.Status });
        var o = new JsonObject
        {
            ["task"] = "classify", ["split"] = split, ["threshold"] = threshold, ["reduction"] = ClassificationScores.Reduction,
            ["nImages"] = s.Images, ["classes"] = classes, ["meanAuroc"] = s.MeanAuroc,
        };
        return o.ToJsonString(Indented);
    }

    /// <summary>Reconstruction results: the mean loss.</summary>
    public static string Reconstruction(double loss, string lossKind, int images, string split)
    {
        var o = new JsonObject
        {
            ["task"] = "reconstruct", ["split"] = split, ["reduction"] = $"{lossKind} averaged over pixels, then over images",
            ["nImages"] = images, ["lossKind"] = lossKind, ["loss"] = loss,
        };
        return o.ToJsonString(Indented);
    }
}
