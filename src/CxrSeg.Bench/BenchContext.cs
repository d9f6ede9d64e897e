using CxrSeg.Bench.Measurements;
using CxrSeg.Models;

namespace CxrSeg.Bench;

/// <summary>What every suite gets: repeats, device, sizes, a scratch folder, and the same run's references (GEMM, train steps).</summary>
public sealed class BenchContext
{
    private double? _gemm;
    private readonly Dictionary<string, TrainStepResult> _steps = new();

    /// <summary>Creates a context with the full-benchmark sizes.</summary>
    public BenchContext(int repeat, string device, string scratch, Action<string> log)
        : this(repeat, device, scratch, log, new BenchSettings())
    {
    }

    /// <summary>Creates a context.</summary>
    public BenchContext(int repeat, string device, string scratch, Action<string> log, BenchSettings settings)
    {
        Repeat = Math.Max(1, repeat);
        Device = device;
        Scratch = scratch;
        Log = log;
        Settings = settings.Validate();
    }

    /// <summary>Repeats per measurement; the median is reported.</summary>
    public int Repeat { get; }

    /// <summary>"cpu" or "cuda".</summary>
    public string Device { get; }

    /// <summary>A scratch folder for generated data.</summary>
    public string Scratch { get; }

    /// <summary>Progress messages.</summary>
    public Action<string> Log { get; }

    /// <summary>Sizes of the suites.</summary>
    public BenchSettings Settings { get; }

    /// <summary>The float32 2048² matmul rate of this run (measured once, on first use).</summary>
    public double GemmGflops => _gemm ??= Median(Enumerable.Range(0, Repeat).Select(_ => Platform.Gemm.MeasureGflops(2048, 3, Device)));

    /// <summary>The train-step options of this run (size, batch, steps, device).</summary>
    public TrainStepOptions StepOptions => new(Settings.Size, Settings.Batch, Settings.Steps, Settings.Warmup, Device);

    /// <summary>
    /// The bare train step of <paramref name="spec"/> at this run's size and batch (random data, no data path), measured
    /// once per run (median of <see cref="Repeat"/> measurements of seconds per step) and shared by the suites.
    /// </summary>
    public TrainStepResult TrainStep(ModelSpec spec)
    {
        var key = PairingNames.Of(spec);
        if (_steps.TryGetValue(key, out var known)) return known;
        Log($"train step {key} ({Settings.Size}², batch {Settings.Batch}, {Settings.Warmup}+{Settings.Steps} steps × {Repeat})");
        var runs = Enumerable.Range(0, Repeat).Select(_ => TrainStepBenchmark.Run(spec, StepOptions)).OrderBy(r => r.SecondsPerStep).ToList();
        var median = runs[(runs.Count - 1) / 2];
        if (runs.Count % 2 == 0)
        {
            var s = (runs[runs.Count / 2 - 1].SecondsPerStep + runs[runs.Count / 2].SecondsPerStep) / 2;
            median = median with { SecondsPerStep = s, ImagesPerSecond = median.Batch / s, Gflops = median.FlopsPerStep / s / 1e9 };
        }
        _steps[key] = median;
        return median;
    }

    /// <summary>Runs <paramref name="measure"/> <see cref="Repeat"/> times and returns the median.</summary>
    public double MedianOf(Func<double> measure) => Median(Enumerable.Range(0, Repeat).Select(_ => measure()));

    /// <summary>The median of the values.</summary>
    public static double Median(IEnumerable<double> values)
    {
        var v = values.OrderBy(x => x).ToArray();
        if (v.Length == 0) return double.NaN;
        return v.Length % 2 == 1 ? v[v.Length / 2] : (v[v.Length / 2 - 1] + v[v.Length / 2]) / 2;
    }
}
