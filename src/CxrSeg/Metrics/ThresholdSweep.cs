using static TorchSharp.torch;

namespace CxrSeg.Metrics;

/// <summary>
/// Pooled IoU of every class at every threshold of a grid (default 0.1, 0.15, …, 0.9), accumulated over batches of
/// probabilities; <see cref="Best"/> picks per class the threshold with the highest IoU (ties: the one nearest 0.5).
/// </summary>
public sealed class ThresholdSweep
{
    private readonly int _classes;
    private readonly long[,] _inter, _union;
    private readonly bool[] _seen;

    /// <summary>The default grid: 0.10 to 0.90 in steps of 0.05.</summary>
    public static IReadOnlyList<double> DefaultGrid { get; } = Enumerable.Range(0, 17).Select(i => Math.Round(0.1 + 0.05 * i, 2)).ToArray();

    /// <summary>Creates an empty sweep over <paramref name="classes"/> classes and the grid (default <see cref="DefaultGrid"/>).</summary>
    public ThresholdSweep(int classes, IReadOnlyList<double>? grid = null)
    {
        _classes = classes;
        Grid = grid ?? DefaultGrid;
        _inter = new long[classes, Grid.Count];
        _union = new long[classes, Grid.Count];
        _seen = new bool[classes];
    }

    /// <summary>The thresholds tried.</summary>
    public IReadOnlyList<double> Grid { get; }

    /// <summary>Adds a batch: probabilities and 0/1 targets [B,C,H,W], labelled flags [B,C]; an unlabelled (image, class) adds nothing.</summary>
    public void Update(Tensor probabilities, Tensor targets, Tensor labelled)
    {
        using var scope = NewDisposeScope();
        if (probabilities.shape[1] != _classes) throw new ArgumentException($"expected {_classes} channels, got {probabilities.shape[1]}");
        var truth = targets.gt(0.5);
        var lab = labelled.gt(0.5).to(int64).unsqueeze(-1); // [B,C,1]
        for (var g = 0; g < Grid.Count; g++)
        {
            var pred = probabilities.ge(Grid[g]);
            var inter = (pred.logical_and(truth).to(int64).sum([2, 3]).unsqueeze(-1) * lab).sum(dim: 0).squeeze(-1).cpu().data<long>().ToArray();
            var union = (pred.logical_or(truth).to(int64).sum([2, 3]).unsqueeze(-1) * lab).sum(dim: 0).squeeze(-1).cpu().data<long>().ToArray();
            for (var k = 0; k < _classes; k++)
            {
                _inter[k, g] += inter[k];
                _union[k, g] += union[k];
            }
        }
        var seen = lab.sum(dim: 0).squeeze(-1).cpu().data<long>().ToArray();
        for (var k = 0; k < _classes; k++) _seen[k] |= seen[k] > 0;
    }

    /// <summary>Adds another sweep's counts (same classes and grid), e.g. to pool several folds.</summary>
    public void Merge(ThresholdSweep other)
    {
        if (other._classes != _classes || !other.Grid.SequenceEqual(Grid)) throw new ArgumentException("sweeps differ in classes or grid");
        for (var k = 0; k < _classes; k++)
        {
            for (var g = 0; g < Grid.Count; g++)
            {
                _inter[k, g] += other._inter[k, g];
                _union[k, g] += other._union[k, g];
            }
            _seen[k] |= other._seen[k];
        }
    }

    /// <summary>A new sweep holding the summed counts of <paramref name="sweeps"/> (at least one; same classes and grid).</summary>
    public static ThresholdSweep Pool(IReadOnlyList<ThresholdSweep> sweeps)
    {
        if (sweeps.Count == 0) throw new ArgumentException("nothing to pool", nameof(sweeps));
        var pooled = new ThresholdSweep(sweeps[0]._classes, sweeps[0].Grid);
        foreach (var s in sweeps) pooled.Merge(s);
        return pooled;
    }

    /// <summary>Adds one (image, class) pair's counts at one grid position (for hand-made cases).</summary>
    public void Add(int cls, int gridIndex, long intersection, long union)
    {
        _inter[cls, gridIndex] += intersection;
        _union[cls, gridIndex] += union;
        _seen[cls] = true;
    }

    /// <summary>
    /// Per class: the best threshold and its IoU, or (<paramref name="fallback"/>, null) when the class was never labelled or
    /// neither predicted nor present at any threshold (nothing to choose from).
    /// </summary>
    public IReadOnlyList<(double Threshold, double? Iou)> Best(double fallback = 0.5)
    {
        var result = new (double, double?)[_classes];
        for (var k = 0; k < _classes; k++)
        {
            result[k] = (fallback, null);
            if (!_seen[k]) continue;
            double? best = null;
            for (var g = 0; g < Grid.Count; g++)
            {
                if (_union[k, g] == 0) continue;
                var iou = (double)_inter[k, g] / _union[k, g];
                var better = best is null || iou > best.Value + 1e-12 ||
                             (Math.Abs(iou - best.Value) <= 1e-12 && Math.Abs(Grid[g] - 0.5) < Math.Abs(result[k].Item1 - 0.5));
                if (better) (best, result[k]) = (iou, (Grid[g], iou));
            }
        }
        return result;
    }
}
