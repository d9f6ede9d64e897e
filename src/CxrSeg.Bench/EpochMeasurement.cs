using System.Diagnostics;
using CxrSeg.Data.Cache;
using CxrSeg.Models;
using CxrSeg.Runs;
using CxrSeg.Stages;
using CxrSeg.Training;

namespace CxrSeg.Bench;

/// <summary>
/// Trains a network through the real training path (<see cref="Trainer"/>: batch building with augmentation,
/// masked BCE + Dice, NaN guards, Adam, validation with metrics, checkpoint_last, history) for a few epochs and
/// times every epoch and the process memory after it.
/// </summary>
public static class EpochMeasurement
{
    /// <summary>Trains <paramref name="epochs"/> epochs of <paramref name="spec"/> on <paramref name="data"/>'s train/validation splits in <paramref name="runDir"/> (replaced).</summary>
    public static EpochRun Run(ModelSpec spec, IPreparedSet data, int epochs, int batch, string device, string runDir)
    {
        if (Directory.Exists(runDir)) Directory.Delete(runDir, recursive: true);
        Directory.CreateDirectory(runDir);
        var options = new TrainOptions
        {
            Task = ArchitectureRegistry.Get(spec.Architecture).Task,
            Protocol = TrainProtocol.Plain, BatchSize = batch, MaxEpochs = epochs, Patience = 0, RestoreBest = false, Device = device,
        };
        using var model = ModelFactory.Create(spec);
        MachineLoad.ResetPeakRss();
        var observer = new Observer();
        try
        {
            new Trainer().Run(options, data, spec, model, runDir, observer, new RunDescription(Stage: "bench"));
        }
        finally
        {
            Directory.Delete(runDir, recursive: true);
        }
        var steps = (data.Splits.Train.Count + batch - 1) / batch;
        var valBatches = (data.Splits.Validation.Count + batch - 1) / batch;
        return new EpochRun(observer.Seconds, observer.Rss, observer.Peak, steps, valBatches);
    }

    private sealed class Observer : ITrainingObserver
    {
        private readonly Stopwatch _watch = Stopwatch.StartNew();
        private double _last;

        public List<double> Seconds { get; } = [];
        public List<double> Rss { get; } = [];
        public double Peak { get; private set; }

        public void OnEpochEnd(EpochRecord record, string monitor, double? best)
        {
            var now = _watch.Elapsed.TotalSeconds;
            Seconds.Add(now - _last);
            _last = now;
            Rss.Add(MachineLoad.RssMiB());
            Peak = Math.Max(Peak, MachineLoad.PeakRssMiB());
        }
    }
}
