using CxrSeg.Stages;

namespace CxrSeg.Training;

/// <summary>
/// The learning rate of an epoch (from 0): a linear warm-up over <see cref="TrainOptions.WarmupEpochs"/> (epoch e gets
/// lr·(e+1)/(W+1)), then the schedule over the remaining epochs: constant, cosine from lr to the floor, poly
/// lr·(1 − e'/E')^0.9 (nnU-Net; e' and E' counted after the warm-up), or plateau (the rate carried in the training state).
/// </summary>
public static class LearningRateSchedule
{
    /// <summary>Exponent of the poly schedule.</summary>
    public const double PolyPower = 0.9;

    /// <summary>The rate for <paramref name="epoch"/>; <paramref name="current"/> is the plateau schedule's rate so far.</summary>
    public static double At(TrainOptions o, int epoch, double current)
    {
        var w = o.WarmupEpochs;
        if (epoch < w) return o.LearningRate * (epoch + 1) / (w + 1);
        var e = epoch - w;
        var total = Math.Max(1, o.MaxEpochs - w);
        return o.Schedule switch
        {
            LrScheduleKind.Cosine => o.ScheduleFloor + 0.5 * (o.LearningRate - o.ScheduleFloor) * (1 + Math.Cos(Math.PI * e / total)),
            LrScheduleKind.Poly => o.LearningRate * Math.Pow(1 - (double)e / total, PolyPower),
            LrScheduleKind.Plateau when epoch == w && w > 0 => o.LearningRate,
            LrScheduleKind.None => o.LearningRate,
            _ => current,
        };
    }
}
