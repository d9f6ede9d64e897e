using static TorchSharp.torch;

namespace CxrSeg.Metrics;

/// <summary>
/// Sums intersections, predicted and true pixels per class over images (only where the class is labelled
/// for the image), then scores with <see cref="OverlapMath.Score"/>: pooled IoU/Dice with the n/a rule.
/// </summary>
public sealed class SegmentationAccumulator
{
    private readonly IReadOnlyList<string> _names;
    private readonly long[] _inter, _pred, _truth;
    private readonly int[] _labelled;
    private readonly float[]? _classThresholds;

    /// <summary>Creates an empty accumulator for the given classes; <paramref name="classThresholds"/> (one per class) replace <paramref name="threshold"/> when given.</summary>
    public SegmentationAccumulator(IReadOnlyList<string> classNames, double threshold = 0.5, IReadOnlyList<double>? classThresholds = null)
    {
        _names = classNames;
        Threshold = threshold;
        if (classThresholds is not null && classThresholds.Count != classNames.Count)
            throw new ArgumentException($"{classThresholds.Count} class thresholds for {classNames.Count} classes");
        _classThresholds = classThresholds?.Select(t => (float)t).ToArray();
        var c = classNames.Count;
        _inter = new long[c];
        _pred = new long[c];
        _truth = new long[c];
        _labelled = new int[c];
    }

    /// <summary>Probability threshold (prediction ≥ threshold is positive).</summary>
    public double Threshold { get; }

    /// <summary>Images added so far.</summary>
    public int Images { get; private set; }

    /// <summary>Adds one image's counts for one class (pure bookkeeping; use for hand-made masks).</summary>
    public void Add(int cls, long intersection, long predicted, long truth)
    {
        _inter[cls] += intersection;
        _pred[cls] += predicted;
        _truth[cls] += truth;
        _labelled[cls]++;
    }

    /// <summary>Adds one image from binary masks (C×N bytes each) and its labelled flags (C bytes).</summary>
    public void Update(ReadOnlySpan<byte> predicted, ReadOnlySpan<byte> truth, ReadOnlySpan<byte> labelled)
    {
        var c = _names.Count;
        var n = predicted.Length / c;
        for (var k = 0; k < c; k++)
        {
            if (labelled[k] == 0) continue;
            var (i, p, t) = OverlapMath.Count(predicted.Slice(k * n, n), truth.Slice(k * n, n));
            Add(k, i, p, t);
        }
        Images++;
    }

    /// <summary>Adds a batch: probabilities and 0/1 targets [B,C,H,W], labelled flags [B,C] (any device).</summary>
    public void Update(Tensor probabilities, Tensor targets, Tensor labelled)
    {
        using var scope = NewDisposeScope();
        var pred = _classThresholds is null ? probabilities.ge(Threshold)
            : probabilities.ge(tensor(_classThresholds, device: probabilities.device).view(1, -1, 1, 1));
        var truth = targets.gt(0.5);
        var inter = pred.logical_and(truth).to(int64).sum(dim: 3).sum(dim: 2).to(int64).cpu().data<long>().ToArray();
        var ps = pred.to(int64).sum(dim: 3).sum(dim: 2).to(int64).cpu().data<long>().ToArray();
        var ts = truth.to(int64).sum(dim: 3).sum(dim: 2).to(int64).cpu().data<long>().ToArray();
        var lab = labelled.to(float32).cpu().data<float>().ToArray();
        var b = (int)probabilities.shape[0];
        var c = _names.Count;
        if (probabilities.shape[1] != c) throw new ArgumentException($"expected {c} channels, got {probabilities.shape[1]}");
        for (var j = 0; j < b; j++)
        {
            for (var k = 0; k < c; k++)
                if (lab[j * c + k] > 0.5f) Add(k, inter[j * c + k], ps[j * c + k], ts[j * c + k]);
            Images++;
        }
    }

    /// <summary>Counts images whose classes were added one by one with <see cref="Add"/>.</summary>
    public void AddImages(int count) => Images += count;

    /// <summary>Adds another accumulator's sums (same classes): pooling over folds.</summary>
    public void Merge(SegmentationAccumulator other)
    {
        if (other._names.Count != _names.Count) throw new ArgumentException("accumulators of different classes");
        for (var k = 0; k < _names.Count; k++)
        {
            _inter[k] += other._inter[k];
            _pred[k] += other._pred[k];
            _truth[k] += other._truth[k];
            _labelled[k] += other._labelled[k];
        }
        Images += other.Images;
    }

    /// <summary>Scores every class from the sums so far.</summary>
    public SegmentationScores Compute() =>
        new(_names.Select((n, k) => OverlapMath.Score(n, _inter[k], _pred[k], _truth[k], _labelled[k])).ToList(), Images, Threshold);

    /// <summary>Clears all sums.</summary>
    public void Reset()
    {
        Array.Clear(_inter); Array.Clear(_pred); Array.Clear(_truth); Array.Clear(_labelled);
        Images = 0;
    }

    /// <summary>The sums as plain numbers (for resumable checkpoints).</summary>
    public long[] ExportState()
    {
        var c = _names.Count;
        var s = new long[4 * c + 1];
        for (var k = 0; k < c; k++)
        {
            s[k] = _inter[k]; s[c + k] = _pred[k]; s[2 * c + k] = _truth[k]; s[3 * c + k] = _labelled[k];
        }
        s[4 * c] = Images;
        return s;
    }

    /// <summary>Restores sums written by <see cref="ExportState"/>.</summary>
    public void ImportState(long[] s)
    {
        var c = _names.Count;
        if (s.Length != 4 * c + 1) throw new ArgumentException("accumulator state has the wrong length");
        for (var k = 0; k < c; k++)
        {
            _inter[k] = s[k]; _pred[k] = s[c + k]; _truth[k] = s[2 * c + k]; _labelled[k] = (int)s[3 * c + k];
        }
        Images = (int)s[4 * c];
    }
}
