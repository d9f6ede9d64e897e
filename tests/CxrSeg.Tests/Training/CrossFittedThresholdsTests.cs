using CxrSeg.Metrics;
using CxrSeg.Models;
using CxrSeg.Runs;
using CxrSeg.Stages;
using CxrSeg.Tests.Support;
using CxrSeg.Training;

namespace CxrSeg.Tests.Training;

public sealed class CrossFittedThresholdsTests
{
    private static readonly double[] Grid = [0.3, 0.5, 0.7];

    /// <summary>A one-class sweep whose IoU is <paramref name="ious"/> at 0.3, 0.5, 0.7 (as intersection out of a union of 100).</summary>
    private static ThresholdSweep Sweep(params int[] ious)
    {
        var s = new ThresholdSweep(1, Grid);
        for (var g = 0; g < Grid.Length; g++) s.Add(0, g, ious[g], 100);
        return s;
    }

    [Fact]
    public void Each_fold_gets_the_thresholds_chosen_on_the_other_folds_only()
    {
        // fold 0 alone would pick 0.3, folds 1 and 2 alone 0.7
        var sweeps = new[] { Sweep(90, 10, 10), Sweep(10, 20, 40), Sweep(10, 30, 35) };
        var t = OutOfFoldScores.CrossFittedThresholds(sweeps, 0.5);
        // fold 0: folds 1+2 give 20/200, 50/200, 75/200 → 0.7
        Assert.Equal(0.7, t[0][0]);
        // fold 1: folds 0+2 give 100/200, 40/200, 45/200 → 0.3
        Assert.Equal(0.3, t[1][0]);
        // fold 2: folds 0+1 give 100/200, 30/200, 50/200 → 0.3
        Assert.Equal(0.3, t[2][0]);
        Assert.Throws<ArgumentException>(() => OutOfFoldScores.CrossFittedThresholds([sweeps[0]], 0.5));
    }

    [Fact]
    public void Merging_sweeps_adds_their_counts_and_refuses_another_grid()
    {
        var a = Sweep(90, 10, 10);
        a.Merge(Sweep(10, 20, 40));
        Assert.Equal(0.3, a.Best()[0].Threshold);
        Assert.Equal(0.5, a.Best()[0].Iou!.Value, 9);
        Assert.Throws<ArgumentException>(() => a.Merge(new ThresholdSweep(1)));
    }

    [Fact]
    public void A_kfold_run_with_tuned_thresholds_writes_the_cross_fitted_figure_beside_the_plain_one()
    {
        using var tmp = new TempDir();
        var o = new TrainOptions { Protocol = TrainProtocol.KFold, Folds = 3, MaxEpochs = 1, BatchSize = 4, Patience = 0, TuneThresholds = true };
        new Trainer().Run(o, TinyData.Segmentation(count: 18, size: 32, partitions: false), new ModelSpec("tiny", "tiny", 1, 3), () => TinyModels.Segmenter(1, 3), tmp.Path);
        var plain = MetricsFile.Load(Path.Combine(tmp.Path, RunFiles.CvMetrics));
        var crossFitted = MetricsFile.Load(Path.Combine(tmp.Path, RunFiles.CvMetricsThresholds));
        Assert.Equal("out-of-fold, thresholds cross-fitted", crossFitted.Split);
        Assert.Equal(3, crossFitted.FoldMIoU!.Count);
        Assert.Equal(plain.Classes.Select(c => c.Name), crossFitted.Classes.Select(c => c.Name));
        // without tuning, no cross-fitted file
        using var tmp2 = new TempDir();
        new Trainer().Run(o with { TuneThresholds = false }, TinyData.Segmentation(count: 18, size: 32, partitions: false), new ModelSpec("tiny", "tiny", 1, 3), () => TinyModels.Segmenter(1, 3), tmp2.Path);
        Assert.False(File.Exists(Path.Combine(tmp2.Path, RunFiles.CvMetricsThresholds)));
    }
}
