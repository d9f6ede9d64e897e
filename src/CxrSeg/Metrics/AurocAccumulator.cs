using static TorchSharp.torch;

namespace CxrSeg.Metrics;

/// <summary>Collects per-label scores and labels (labelled entries only), then computes AUROC per label.</summary>
public sealed class AurocAccumulator
{
    /// <summary>Status of a label whose labelled images are all positive or all negative.</summary>
    public const string StatusOneClass = "n/a: only one class among labelled images";

    private readonly IReadOnlyList<string> _names;
    private readonly List<float>[] _scores, _labels;

    /// <summary>Creates an empty accumulator.</summary>
    public AurocAccumulator(IReadOnlyList<string> labelNames)
    {
        _names = labelNames;
        _scores = labelNames.Select(_ => new List<float>()).ToArray();
        _labels = labelNames.Select(_ => new List<float>()).ToArray();
    }

    /// <summary>Images added so far.</summary>
    public int Images { get; private set; }

    /// <summary>Adds one image: C probabilities, C 0/1 labels, C labelled flags.</summary>
    public void Update(ReadOnlySpan<float> probabilities, ReadOnlySpan<float> labels, ReadOnlySpan<float> labelled)
    {
        for (var k = 0; k < _names.Count; k++)
        {
            if (labelled[k] <= 0.5f) continue;
            _scores[k].Add(probabilities[k]);
            _labels[k].Add(labels[k] > 0.5f ? 1f : 0f);
        }
        Images++;
    }

    /// <summary>Adds a batch: probabilities, labels and labelled flags, each [B,C].</summary>
    public void Update(Tensor probabilities, Tensor labels, Tensor labelled)
    {
        var c = _names.Count;
        var p = probabilities.to(float32).cpu().data<float>().ToArray();
        var l = labels.to(float32).cpu().data<float>().ToArray();
        var m = labelled.to(float32).cpu().data<float>().ToArray();
        for (var j = 0; j < p.Length / c; j++)
            Update(p.AsSpan(j * c, c), l.AsSpan(j * c, c), m.AsSpan(j * c, c));
    }

    /// <summary>AUROC per label from everything added.</summary>
    public ClassificationScores Compute() => new(_names.Select((n, k) =>
    {
        var auc = Auroc.Compute(_scores[k], _labels[k]);
        var pos = _labels[k].Count(v => v > 0.5f);
        return new LabelScore(n, auc, auc is null ? StatusOneClass : OverlapMath.StatusOk, pos, _labels[k].Count - pos);
    }).ToList(), Images);

    /// <summary>Clears everything.</summary>
    public void Reset()
    {
        foreach (var s in _scores) s.Clear();
        foreach (var s in _labels) s.Clear();
        Images = 0;
    }

    /// <summary>Scores and labels per label (for resumable checkpoints).</summary>
    public (float[][] Scores, float[][] Labels, int Images) ExportState() =>
        (_scores.Select(s => s.ToArray()).ToArray(), _labels.Select(s => s.ToArray()).ToArray(), Images);

    /// <summary>Restores what <see cref="ExportState"/> returned.</summary>
    public void ImportState(float[][] scores, float[][] labels, int images)
    {
        Reset();
        for (var k = 0; k < _names.Count; k++) { _scores[k].AddRange(scores[k]); _labels[k].AddRange(labels[k]); }
        Images = images;
    }
}
