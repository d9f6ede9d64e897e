using System.Text.Json.Nodes;
using CxrSeg.Data.Transforms;
using CxrSeg.Models;
using CxrSeg.Runs;
using CxrSeg.Stages;
using CxrSeg.Tests.Support;
using CxrSeg.Training;

namespace CxrSeg.Tests.Training;

public sealed class ThresholdTuningTests
{
    private static readonly TrainOptions Fast = new()
    {
        BatchSize = 4, LearningRate = 0.01, MaxEpochs = 2, Patience = 0, Seed = 7, Augment = new AugmentOptions(Enabled: false), TuneThresholds = true,
    };

    [Fact]
    public void Tuned_thresholds_are_written_and_used_by_the_test_metrics()
    {
        using var tmp = new TempDir();
        var data = TinyData.Segmentation(count: 16);
        new Trainer().Run(Fast, data, new ModelSpec("tiny", "tiny", 1, 3), TinyModels.Segmenter(1, 3), tmp.Path);
        var tuned = ThresholdsFile.Read(tmp.Path, TinyData.Classes)!;
        Assert.Equal("validation", tuned.Split);
        Assert.Equal(data.Splits.Validation.Count, tuned.Images);
        Assert.All(tuned.Values, t => Assert.InRange(t, 0.1, 0.9));
        var metrics = JsonNode.Parse(File.ReadAllText(Path.Combine(tmp.Path, RunFiles.Metrics)))!;
        Assert.Equal(tuned.Values, metrics["classThresholds"]!.AsArray().Select(v => (double)v!).ToArray());
    }

    [Fact]
    public void Kfold_tunes_on_out_of_fold_images_and_rotating_is_refused()
    {
        using var tmp = new TempDir();
        var data = TinyData.Segmentation(count: 12);
        new Trainer().Run(Fast with { Protocol = TrainProtocol.KFold, Folds = 2, MaxEpochs = 1 }, data, new ModelSpec("tiny", "tiny", 1, 3),
            () => TinyModels.Segmenter(1, 3), tmp.Path);
        var tuned = ThresholdsFile.Read(tmp.Path, TinyData.Classes)!;
        Assert.Equal("out-of-fold", tuned.Split);
        var cv = MetricsFile.Load(Path.Combine(tmp.Path, RunFiles.CvMetrics));
        Assert.Equal("out-of-fold", cv.Split);
        Assert.Equal(2, cv.FoldMIoU!.Count);
        Assert.Equal(data.Splits.Train.Count + data.Splits.Validation.Count, cv.NImages);
        Assert.Equal(data.Splits.Train.Count + data.Splits.Validation.Count, tuned.Images);
        Assert.Contains("tune thresholds", Assert.Throws<UserFacingException>(() => (Fast with { Protocol = TrainProtocol.Rotating }).Validate()).Message);
    }
}
