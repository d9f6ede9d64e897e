using CxrSeg.Data.Cache;
using CxrSeg.Data.Ccxs;
using CxrSeg.Models;
using CxrSeg.Predict;
using CxrSeg.Runs;
using CxrSeg.Stages;
using CxrSeg.Tests.Support;
using static TorchSharp.torch;

namespace CxrSeg.Tests.Predict;

public sealed class TunedThresholdsTests
{
    /// <summary>A run folder of a random resnet18 UNet at 32² over the CCXS classes, with tuned thresholds 0.3 (class 0) and 0.7 (class 1).</summary>
    private static void WriteRun(string runDir)
    {
        const int size = PredictFixtures.Size;
        var names = CcxsClasses.Names;
        var data = new InMemoryPreparedSet("ccxs", size, names, TargetKind.Mask, [new byte[size * size]],
            [new byte[names.Count * size * size]], null, null, new DatasetSplits([0], [], [], []));
        manual_seed(7);
        var spec = new ModelSpec("unet", "resnet18", 1, names.Count);
        using var net = ModelFactory.Create(spec);
        RunManifestFile.WriteOrVerify(runDir, new TrainOptions(), data, spec, new RunDescription());
        CheckpointStore.Save(runDir, CheckpointStore.Best, net, null, new TrainingState(), spec);
        ThresholdsFile.Write(runDir, new ClassThresholds("validation", 1, ThresholdSweepGrid,
            names.Select((n, k) => new ClassThreshold(n, k switch { 0 => 0.3, 1 => 0.7, _ => 0.5 }, null)).ToList()));
    }

    private static readonly double[] ThresholdSweepGrid = [0.3, 0.5, 0.7];

    [Fact]
    public void Thresholds_saved_in_a_run_are_used_by_predict_unless_a_threshold_is_given()
    {
        using var tmp = new TempDir();
        WriteRun(tmp.Path);
        using var model = TrainedModel.Load(tmp.Path);
        Assert.Equal(0.3, model.ClassThresholds![0]);
        var image = PredictFixtures.Noise(40, 30, 5);

        var tuned = new Predictor(model, new PredictOptions());
        Assert.True(tuned.UsesTunedThresholds);
        var p = tuned.Predict([image])[0];
        var at03 = new Predictor(model, new PredictOptions { Threshold = 0.3, RunThresholds = false }).Predict([image])[0];
        var at07 = new Predictor(model, new PredictOptions { Threshold = 0.7, RunThresholds = false }).Predict([image])[0];
        var at05 = new Predictor(model, new PredictOptions { Threshold = 0.5, RunThresholds = false }).Predict([image])[0];
        Assert.Equal(at03.Masks[0], p.Masks[0]);
        Assert.Equal(at07.Masks[1], p.Masks[1]);
        Assert.Equal(at05.Masks[2], p.Masks[2]);

        var explicitThreshold = new Predictor(model, new PredictOptions { Threshold = 0.5, RunThresholds = false });
        Assert.False(explicitThreshold.UsesTunedThresholds);
        Assert.All(explicitThreshold.Thresholds, t => Assert.Equal(0.5, t));
    }

    [Fact]
    public void A_predict_job_records_the_tuned_thresholds_in_findings()
    {
        using var tmp = new TempDir();
        var run = Path.Combine(tmp.Path, "run");
        WriteRun(run);
        var input = Path.Combine(tmp.Path, "in");
        Directory.CreateDirectory(input);
        CxrSeg.Data.Images.PngWriter.WriteGrey8(Path.Combine(input, "a.png"), PredictFixtures.Noise(40, 30, 5));
        var result = PredictJob.Run(run, [input], Path.Combine(tmp.Path, "out"), new PredictOptions { Overlays = false });
        Assert.Equal(1, result.Written);
        var findings = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(tmp.Path, "out", "a", PredictionWriter.FindingsFile)))!;
        Assert.Equal(0.3, (double)findings["classThresholds"]![CcxsClasses.Names[0]]!);
    }
}
