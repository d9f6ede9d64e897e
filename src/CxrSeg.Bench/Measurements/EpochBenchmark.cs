using System.Diagnostics;
using CxrSeg.Data.Cache;
using CxrSeg.Models;
using CxrSeg.Runs;
using CxrSeg.Training;

namespace CxrSeg.Bench.Measurements;

/// <summary>
/// Measures training through the real pipeline (prepared set → batches → augmentation → steps → validation metrics →
/// checkpoints, by <see cref="Trainer"/>) against <see cref="TrainStepBenchmark"/>'s bare step on random tensors, and
/// records the process RSS after every epoch (memory must stay flat: dispose scopes).
/// </summary>
public static class EpochBenchmark
{
    /// <summary>
    /// Trains <see cref="EpochBenchmarkOptions.Epochs"/> epochs on <paramref name="data"/> in a temporary run folder
    /// (deleted afterwards; early stopping off), then times the bare step at the same size and batch.
    /// </summary>
    public static EpochBenchmarkResult Run(IPreparedSet data, EpochBenchmarkOptions options, Action<string>? log = null, CancellationToken cancel = default)
    {
        options.Validate();
        var o = options.Training with { MaxEpochs = options.Epochs, Patience = 0 };
        var runDir = Path.Combine(Path.GetTempPath(), $"cxrseg-epoch-bench-{Guid.NewGuid():N}");
        var observer = new Recorder(log);
        try
        {
            observer.Start();
            new Trainer().Run(o, data, options.Spec, () => ModelFactory.Create(options.Spec), runDir, observer, new RunDescription(Stage: "epoch-bench"), cancel);
        }
        finally
        {
            if (Directory.Exists(runDir)) Directory.Delete(runDir, recursive: true);
        }
        var bare = TrainStepBenchmark.Run(options.Spec, new TrainStepOptions(data.Size, o.BatchSize, options.BareSteps, 1, o.Device, o.Seed));
        log?.Invoke($"bare step {bare.SecondsPerStep:0.###} s at {data.Size}² batch {o.BatchSize}");
        return new EpochBenchmarkResult(observer.Seconds, observer.Steps, bare.SecondsPerStep, observer.Rss);
    }

    private sealed class Recorder(Action<string>? log) : ITrainingObserver
    {
        private readonly Stopwatch _clock = new();
        private long _lastStep;

        public List<double> Seconds { get; } = [];
        public List<long> Steps { get; } = [];
        public List<long> Rss { get; } = [];

        public void Start() => _clock.Restart();

        public void OnEpochEnd(EpochRecord record, string monitor, double? best)
        {
            Seconds.Add(_clock.Elapsed.TotalSeconds);
            Steps.Add(record.Steps - _lastStep);
            _lastStep = record.Steps;
            using var self = Process.GetCurrentProcess();
            Rss.Add(self.WorkingSet64);
            log?.Invoke($"epoch {record.Epoch}: {Seconds[^1]:0.###} s, {Steps[^1]} steps, RSS {self.WorkingSet64 / 1048576.0:0} MiB");
            _clock.Restart();
        }
    }
}
