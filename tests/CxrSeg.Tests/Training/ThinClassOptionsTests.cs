using System.Text.Json.Nodes;
using CxrSeg.Data.Cache;
using CxrSeg.Models;
using CxrSeg.Runs;
using CxrSeg.Stages;
using CxrSeg.Tests.Support;

namespace CxrSeg.Tests.Training;

/// <summary>The options of crops, losses, schedules and thresholds: table rows, validation and old run folders.</summary>
public sealed class ThinClassOptionsTests
{
    [Fact]
    public void Every_new_option_has_a_flag_and_a_plan_key()
    {
        string[] flags = ["--crop", "--crop-foreground", "--class-weights", "--focal-gamma", "--tversky-alpha", "--tversky-beta", "--skeleton-weight",
            "--skeleton-classes", "--warmup", "--accumulate", "--tune-thresholds", "--window"];
        foreach (var f in flags) Assert.Contains(TrainOptions.Table, r => r.Flag == f);
        var o = new TrainOptions();
        foreach (var (key, value) in new[] { ("crop", "256"), ("cropForeground", "0.5"), ("classWeights", "auto"), ("focalGamma", "2"), ("loss", "bce+tversky"),
                     ("skeletonWeight", "0.3"), ("skeletonClasses", "devices"), ("warmup", "2"), ("accumulate", "4"), ("tuneThresholds", "true"), ("window", "256"),
                     ("schedule", "poly") })
            o = TrainOptions.PlanOption(key)!.Apply(o, value, key);
        Assert.Equal((256, 0.5, "auto", 2.0, SegmentationLoss.BceTversky, 0.3, "devices", 2, 4, true, 256, LrScheduleKind.Poly),
            (o.Crop, o.CropForeground, o.ClassWeights, o.FocalGamma, o.SegmentationLoss, o.SkeletonWeight, o.SkeletonClasses, o.WarmupEpochs, o.AccumulateSteps,
                o.TuneThresholds, o.Window, o.Schedule));
        o.Validate();
        Assert.Equal("true", TrainOptions.Table.Single(r => r.Flag == "--tune-thresholds").SwitchValue);
    }

    [Theory]
    [InlineData(nameof(TrainOptions.Crop), 100, "crop")]
    [InlineData(nameof(TrainOptions.Window), 33, "window")]
    [InlineData(nameof(TrainOptions.CropForeground), 1.5, "crop foreground")]
    [InlineData(nameof(TrainOptions.FocalGamma), -1.0, "focal gamma")]
    [InlineData(nameof(TrainOptions.SkeletonWeight), -0.1, "skeleton weight")]
    public void Bad_values_name_their_field(string property, object value, string field)
    {
        var o = new TrainOptions();
        var p = typeof(TrainOptions).GetProperty(property)!;
        var copy = o with { };
        p.SetValue(copy, Convert.ChangeType(value, p.PropertyType));
        Assert.Contains(field, Assert.Throws<UserFacingException>(() => copy.Validate()).Message);
    }

    [Fact]
    public void Segment_only_options_are_refused_for_other_tasks() =>
        Assert.Contains("segment only", Assert.Throws<UserFacingException>(() => new TrainOptions { Task = TrainTask.Classify, Crop = 32 }.Validate()).Message);

    [Fact]
    public void A_run_json_written_before_the_new_options_resumes_with_their_defaults_only()
    {
        using var tmp = new TempDir();
        string[] names = ["a"];
        var data = new InMemoryPreparedSet("own", 32, names, TargetKind.Mask, [new byte[32 * 32]], [new byte[32 * 32]], null, null, new DatasetSplits([0], [], [], []));
        var spec = new ModelSpec("unet", "resnet18", 1, 1);
        RunManifestFile.WriteOrVerify(tmp.Path, new TrainOptions(), data, spec, new RunDescription());
        var path = Path.Combine(tmp.Path, RunFiles.Manifest);
        var run = JsonNode.Parse(File.ReadAllText(path))!;
        var options = run["options"]!.AsObject();
        foreach (var key in new[] { "crop", "cropForeground", "classWeights", "focalGamma", "tverskyAlpha", "tverskyBeta", "skeletonWeight", "skeletonClasses",
                     "warmupEpochs", "accumulateSteps", "tuneThresholds", "window" })
            Assert.True(options.Remove(key), key);
        File.WriteAllText(path, run.ToJsonString());
        RunManifestFile.WriteOrVerify(tmp.Path, new TrainOptions(), data, spec, new RunDescription());
        var e = Assert.Throws<UserFacingException>(() => RunManifestFile.WriteOrVerify(tmp.Path, new TrainOptions { Crop = 32 }, data, spec, new RunDescription()));
        Assert.Contains("options.crop", e.Message);
        Assert.Equal(0, RunManifestFile.Read(path, tmp.Path).Options!.Crop);
    }
}
