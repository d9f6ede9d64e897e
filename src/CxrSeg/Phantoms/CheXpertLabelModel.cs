using CxrSeg.Data.CheXpert;

namespace CxrSeg.Phantoms;

/// <summary>
/// Report-style CheXpert labels and the truth behind them. Labels are drawn first at the paper's Table 2
/// frequencies, then the phantom's findings follow from them the way a report-mined label relates to the image:
/// a positive is usually (not always) there, an uncertain one half the time, an unmentioned one rarely.
/// </summary>
public static class CheXpertLabelModel
{
    /// <summary>Positive % per label (CSV order).</summary>
    public static readonly double[] PositivePercent = [8.86, 4.81, 12.26, 49.39, 3.65, 26.06, 6.78, 2.44, 5.6, 9.23, 40.34, 1.3, 3.87, 56.4];

    /// <summary>Uncertain % per label (CSV order).</summary>
    public static readonly double[] UncertainPercent = [0, 5.41, 3.52, 0.57, 2.31, 6.17, 12.78, 8.34, 15.66, 1.42, 5.02, 0.94, 0.26, 0.48];

    /// <summary>Label values: 1, 0, -1 or null (not mentioned).</summary>
    public static double?[] SampleReport(PhantomRandom rng)
    {
        var k = CheXpertLabels.All.Count;
        var labels = new double?[k];
        const int nf = 0, sd = 13;
        var noFinding = rng.Chance(PositivePercent[nf] / 100);
        var rest = 1 - PositivePercent[nf] / 100;
        for (var j = 1; j < k; j++)
        {
            double p, u;
            if (j == sd) { p = PositivePercent[j] / 100; u = UncertainPercent[j] / 100; }
            else if (noFinding) { labels[j] = rng.Chance(0.08) ? 0.0 : null; continue; }
            else { p = PositivePercent[j] / 100 / rest; u = UncertainPercent[j] / 100 / rest; }
            var x = rng.NextDouble();
            labels[j] = x < p ? 1.0 : x < p + u ? -1.0 : rng.Chance(0.12) ? 0.0 : null;
        }
        labels[nf] = noFinding ? 1.0 : null;
        return labels;
    }

    /// <summary>Whether the finding behind a label value is really in the image.</summary>
    public static bool Truth(PhantomRandom rng, double? label) => label switch
    {
        1.0 => rng.Chance(0.93),
        -1.0 => rng.Chance(0.5),
        0.0 => rng.Chance(0.02),
        _ => rng.Chance(0.03),
    };

    /// <summary>Findings (and devices) drawn from the truth of each label.</summary>
    public static PhantomFindings Findings(PhantomRandom rng, double?[] labels)
    {
        bool T(int j) => j != 0 && labels[0] != 1.0 ? Truth(rng, labels[j]) : j == 13 && Truth(rng, labels[j]);
        var enlargedCm = T(1);
        var cardiomegaly = T(2);
        var opacity = T(3);
        var lesion = T(4);
        var edema = T(5);
        var consolidation = T(6);
        var pneumonia = T(7);
        var atelectasis = T(8);
        var ptx = T(9);
        var effusion = T(10);
        var pleuralOther = T(11);
        var fracture = T(12);
        var devices = T(13);
        var sev = rng.RangeF(0.1, 1);
        var ops = new List<OpacityRegion>();
        if (opacity || pneumonia) ops.AddRange(rng.Chance(0.6) ? PhantomSampler.Typical(rng, sev) : PhantomSampler.Indeterminate(rng, sev));
        if (consolidation) ops.AddRange(PhantomSampler.Atypical(rng, sev));
        var effBoth = rng.Chance(0.5);
        var effSide = rng.Chance(0.5) ? -1 : 1;
        return new PhantomFindings
        {
            Opacities = ops,
            EffusionRight = effusion && (effBoth || effSide < 0) ? rng.RangeF(0.12, 0.6) : 0,
            EffusionLeft = effusion && (effBoth || effSide > 0) ? rng.RangeF(0.12, 0.6) : 0,
            PneumothoraxSide = ptx ? (rng.Chance(0.5) ? -1 : 1) : 0,
            PneumothoraxSize = rng.RangeF(0.1, 0.4),
            Cardiomegaly = cardiomegaly,
            EnlargedCardiomediastinum = enlargedCm,
            Edema = edema ? rng.RangeF(0.4, 1) : 0,
            Atelectasis = atelectasis,
            LungLesion = lesion,
            Fracture = fracture,
            PleuralOther = pleuralOther,
            EndotrachealTube = devices && rng.Chance(0.4),
            CentralLine = devices && rng.Chance(0.6) ? (rng.Chance(0.7) ? -1 : 1) : 0,
            NasogastricTube = devices && rng.Chance(0.35),
            Probes = devices && rng.Chance(0.5) ? rng.Int(1, 5) : 0,
            Tubings = devices && rng.Chance(0.25) ? 1 : 0,
        } is var f && devices && !f.AnyDevice ? f with { CentralLine = -1 } : f;
    }
}
