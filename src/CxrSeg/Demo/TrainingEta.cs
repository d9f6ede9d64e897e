using System.Diagnostics;

namespace CxrSeg.Demo;

/// <summary>
/// Estimates the remaining training time of a grid from the stages still to train, each weighted by its planned work
/// (images × epochs, a classifier image costing less than a UNet one), and the time the finished work took. Early
/// stopping makes the estimate an upper bound.
/// </summary>
public sealed class TrainingEta
{
    private readonly Dictionary<string, double> _weights;
    private readonly Stopwatch _clock = new();
    private readonly HashSet<string> _finished = [];
    private string? _current;
    private double _currentFraction;

    /// <summary>Starts with the weights of the stages to train (stage id → relative work).</summary>
    public TrainingEta(IReadOnlyDictionary<string, double> weights) => _weights = new Dictionary<string, double>(weights);

    /// <summary>Total planned work.</summary>
    public double Total => _weights.Values.Sum();

    /// <summary>Work done so far (finished stages and the current one's finished fraction).</summary>
    public double Done => _finished.Sum(id => _weights.GetValueOrDefault(id)) + (_current is null ? 0 : _weights.GetValueOrDefault(_current) * _currentFraction);

    /// <summary>A stage starts training.</summary>
    public void Start(string stageId)
    {
        if (!_clock.IsRunning) _clock.Start();
        _current = stageId;
        _currentFraction = 0;
    }

    /// <summary>The current stage reports a fraction in [0, 1] of its planned work done.</summary>
    public void Advance(double fraction) => _currentFraction = Math.Clamp(fraction, 0, 1);

    /// <summary>The current stage finished (early stopping included).</summary>
    public void Finish(string stageId)
    {
        _finished.Add(stageId);
        if (_current == stageId) _current = null;
    }

    /// <summary>Remaining time at the rate measured so far; null until some work is done.</summary>
    public TimeSpan? Remaining
    {
        get
        {
            var done = Done;
            if (done <= 0 || _clock.Elapsed.TotalSeconds < 1) return null;
            var rate = _clock.Elapsed.TotalSeconds / done;
            return TimeSpan.FromSeconds(Math.Max(0, Total - done) * rate);
        }
    }

    /// <summary>
    /// Relative work of a stage: epochs × (training images + validation images / 3) with a UNet image as 1 and a
    /// classifier image as 0.45; the rotating CCXS protocol trains one run per partition of 10 (9 for 100 images) per
    /// epoch and validates every training image.
    /// </summary>
    public static double Weight(Experiments.StageSpec stage, DemoSizes sizes, int train, int validation, int test, bool isFinal)
    {
        var perImage = stage.Task == Stages.TrainTask.Classify ? 0.45 : 1.0;
        double epochs, perEpoch;
        switch (stage.Dataset)
        {
            case Experiments.DatasetKind.Ccxs:
                epochs = sizes.EpochsOf(stage.Dataset);
                var units = Math.Max(2, (train + 9) / 10); // partitions of 10
                var perRun = train * (units - 1.0) / units;
                if (sizes.CcxsStepsPerRun > 0) perRun = Math.Min(sizes.CcxsStepsPerRun * sizes.BatchSize, perRun);
                perEpoch = units * perRun * perImage + train * perImage / 3 + 2.0; // + one checkpoint write per epoch
                break;
            default:
                epochs = sizes.EpochsOf(stage.Dataset);
                var steps = sizes.PretrainStepsPerEpoch > 0 ? Math.Min(sizes.PretrainStepsPerEpoch * sizes.BatchSize, train) : train;
                perEpoch = steps * perImage + validation * perImage / 3 + 2.0;
                break;
        }
        return epochs * perEpoch + (isFinal ? test * perImage / 3 : 0) + 5;
    }
}
