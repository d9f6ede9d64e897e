using CxrSeg.Models;

namespace CxrSeg.Bench;

/// <summary>
/// A full training epoch through the real data path (prepared set → batch building with augmentation → step with
/// the training loss and guards → validation with metrics → checkpoint and history) against the bare train step
/// × steps plus the bare forward × validation batches of the same run.
/// </summary>
public sealed class EpochSuite : IBenchSuite
{
    /// <summary>Target for epoch time ÷ bare compute (≤ 5% overhead).</summary>
    public static readonly BenchTarget Target = BenchTarget.Max(1.05);

    /// <inheritdoc />
    public string Name => "epoch";

    /// <inheritdoc />
    public string Description => "a training epoch through the real data path vs bare step × steps + bare forward × validation batches";

    /// <inheritdoc />
    public IReadOnlyList<BenchFigure> Run(BenchContext context)
    {
        var s = context.Settings;
        var spec = PairingNames.Parse(s.Model);
        var name = PairingNames.Of(spec);
        var step = context.TrainStep(spec);
        double forward;
        using (var net = ModelFactory.Create(spec))
            forward = ForwardTimer.Seconds(net, spec.InChannels, s.Batch, s.Size, Math.Max(2, context.Repeat), context.Device);
        var data = BenchData.Segmentation(s.Size, s.EpochImages, s.ValidationImages);
        context.Log($"epoch {name}: {context.Repeat + 1} epochs of {s.EpochImages} training + {s.ValidationImages} validation images (the first is warm-up)");
        var run = EpochMeasurement.Run(spec, data, context.Repeat + 1, s.Batch, context.Device, Path.Combine(context.Scratch, "epoch-run"));
        var epoch = BenchContext.Median(run.EpochSeconds.Skip(1));
        var bare = run.StepsPerEpoch * step.SecondsPerStep + run.ValidationBatches * forward;
        return
        [
            new BenchFigure($"{name} bare train step", step.SecondsPerStep, "s/step"),
            new BenchFigure($"{name} bare forward (batch {s.Batch}, eval)", forward, "s"),
            new BenchFigure($"bare compute ({run.StepsPerEpoch} steps + {run.ValidationBatches} validation batches)", bare, "s"),
            Target.Figure($"{name} epoch ({s.EpochImages} + {s.ValidationImages} images)", epoch, "s", epoch / bare, "bare compute"),
        ];
    }
}
