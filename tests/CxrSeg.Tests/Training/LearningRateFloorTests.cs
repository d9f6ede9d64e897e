using CxrSeg.Data.Transforms;
using CxrSeg.Models;
using CxrSeg.Stages;
using CxrSeg.Tests.Support;
using CxrSeg.Training;
using static TorchSharp.torch;

namespace CxrSeg.Tests.Training;

public sealed class LearningRateFloorTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(5e-7)]
    [InlineData(1e-9)]
    public void A_learning_rate_below_the_schedule_floor_is_accepted(double lr)
    {
        var o = new TrainOptions { LearningRate = lr, Schedule = LrScheduleKind.Cosine }.Validate();
        Assert.Equal(lr, o.ScheduleFloor);
    }

    [Fact]
    public void Negative_rates_are_refused_naming_the_field()
    {
        Assert.Contains("learning rate", Assert.Throws<UserFacingException>(() => new TrainOptions { LearningRate = -1e-3 }.Validate()).Message);
        Assert.Contains("min learning rate", Assert.Throws<UserFacingException>(() => new TrainOptions { MinLearningRate = -1 }.Validate()).Message);
        Assert.Equal(1e-4, new TrainOptions { LearningRate = 1e-3, MinLearningRate = 1e-4 }.ScheduleFloor);
    }

    [Fact]
    public void Learning_rate_zero_leaves_every_weight_unchanged()
    {
        using var tmp = new TempDir();
        var net = TinyModels.Segmenter(1, 3);
        var before = net.state_dict().Where(kv => kv.Value.dtype == ScalarType.Float32 && !kv.Key.Contains("running"))
            .ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone());
        var o = new TrainOptions { BatchSize = 4, LearningRate = 0, MaxEpochs = 1, Patience = 0, Seed = 7, Schedule = LrScheduleKind.Cosine, Augment = new AugmentOptions(Enabled: false) };
        new Trainer().Run(o, TinyData.Segmentation(count: 8), new ModelSpec("tiny", "tiny", 1, 3), net, tmp.Path, new StepRecorder());
        var after = net.state_dict();
        foreach (var (k, t) in before) Assert.True(t.Equals(after[k]), k);
    }
}
