using CxrSeg.Stages;
using CxrSeg.Training;

namespace CxrSeg.Tests.Training;

public sealed class LearningRateScheduleTests
{
    [Fact]
    public void Warm_up_rises_linearly_then_cosine_runs_over_the_remaining_epochs()
    {
        var o = new TrainOptions { LearningRate = 1e-3, MinLearningRate = 0, Schedule = LrScheduleKind.Cosine, WarmupEpochs = 2, MaxEpochs = 6 };
        double At(int e) => LearningRateSchedule.At(o, e, o.LearningRate);
        Assert.Equal(1e-3 / 3, At(0), 12);
        Assert.Equal(2e-3 / 3, At(1), 12);
        Assert.Equal(1e-3, At(2), 12);
        Assert.Equal(0.5e-3 * (1 + Math.Cos(Math.PI / 4)), At(3), 12);
        Assert.Equal(0.5e-3 * (1 + Math.Cos(3 * Math.PI / 4)), At(5), 12);
    }

    [Fact]
    public void Poly_follows_nnunet_and_no_warm_up_keeps_the_old_cosine()
    {
        var poly = new TrainOptions { LearningRate = 1e-2, Schedule = LrScheduleKind.Poly, MaxEpochs = 10 };
        Assert.Equal(1e-2, LearningRateSchedule.At(poly, 0, 1e-2), 12);
        Assert.Equal(1e-2 * Math.Pow(0.5, 0.9), LearningRateSchedule.At(poly, 5, 1e-2), 12);
        var cos = new TrainOptions { LearningRate = 1e-3, Schedule = LrScheduleKind.Cosine, MaxEpochs = 8 };
        for (var e = 0; e < 8; e++)
            Assert.Equal(cos.ScheduleFloor + 0.5 * (cos.LearningRate - cos.ScheduleFloor) * (1 + Math.Cos(Math.PI * e / 8)), LearningRateSchedule.At(cos, e, 0), 15);
        var none = new TrainOptions { WarmupEpochs = 1, MaxEpochs = 3 };
        Assert.Equal([5e-4, 1e-3, 1e-3], Enumerable.Range(0, 3).Select(e => LearningRateSchedule.At(none, e, 7)).ToArray());
        var plateau = new TrainOptions { Schedule = LrScheduleKind.Plateau, WarmupEpochs = 1, MaxEpochs = 3 };
        Assert.Equal([5e-4, 1e-3, 7], Enumerable.Range(0, 3).Select(e => LearningRateSchedule.At(plateau, e, 7)).ToArray());
    }

    [Theory]
    [InlineData(-1, "warm-up")]
    [InlineData(100, "warm-up")]
    public void Warm_up_must_leave_epochs_to_train(int warmup, string field) =>
        Assert.Contains(field, Assert.Throws<UserFacingException>(() => new TrainOptions { WarmupEpochs = warmup }.Validate()).Message);
}
