using CxrSeg.Models;
using CxrSeg.Stages;

namespace CxrSeg.Bench.Measurements;

/// <summary>What <see cref="EpochBenchmark"/> trains and how long.</summary>
/// <param name="Spec">The network (e.g. unet on resnet50 with the dataset's class count).</param>
/// <param name="Training">Training options (batch, protocol, augmentation, threads...); epochs and patience are set by the benchmark.</param>
/// <param name="Epochs">Epochs to train (10 for the memory check).</param>
/// <param name="BareSteps">Timed steps of the bare train-step benchmark (after one warm-up).</param>
public sealed record EpochBenchmarkOptions(ModelSpec Spec, TrainOptions Training, int Epochs = 10, int BareSteps = 3)
{
    /// <summary>Throws a <see cref="UserFacingException"/> naming the bad field.</summary>
    public void Validate()
    {
        if (Epochs < 2) throw new UserFacingException($"epochs must be ≥ 2 (got {Epochs}): the first epoch is a warm-up");
        if (BareSteps < 1) throw new UserFacingException($"bare steps must be ≥ 1 (got {BareSteps})");
        Training.Validate();
    }
}
