namespace CxrSeg.Bench;

/// <summary>What every suite gets: repeats, device, a scratch folder, and the same run's GEMM reference.</summary>
public sealed class BenchContext
{
    private double? _gemm;

    /// <summary>Creates a context.</summary>
    public BenchContext(int repeat, string device, string scratch, Action<string> log)
    {
        Repeat = Math.Max(1, repeat);
        Device = device;
        Scratch = scratch;
        Log = log;
    }

    /// <summary>Repeats per measurement; the median is reported.</summary>
    public int Repeat { get; }

    /// <summary>"cpu" or "cuda".</summary>
    public string Device { get; }

    /// <summary>A scratch folder for generated data.</summary>
    public string Scratch { get; }

    /// <summary>Progress messages.</summary>
    public Action<string> Log { get; }

    /// <summary>The float32 2048² matmul rate of this run (measured once, on first use).</summary>
    public double GemmGflops => _gemm ??= Median(Enumerable.Range(0, Repeat).Select(_ => Platform.Gemm.MeasureGflops(2048, 3, Device)));

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
