using System.Diagnostics;
using CxrSeg.Phantoms;

namespace CxrSeg.Bench.Measurements;

/// <summary>Measures rendering speed: phantoms per second per core (rendering only, no encoding).</summary>
public static class PhantomBenchmark
{
    /// <summary>One measurement.</summary>
    public sealed record Result(int Phantoms, int Size, int Threads, double Seconds)
    {
        /// <summary>Phantoms per second, all threads.</summary>
        public double PerSecond => Phantoms / Math.Max(1e-9, Seconds);
        /// <summary>Phantoms per second per thread.</summary>
        public double PerSecondPerCore => PerSecond / Threads;
    }

    /// <summary>Renders <paramref name="count"/> demo phantoms of height <paramref name="size"/> on <paramref name="threads"/> threads.</summary>
    public static Result Run(int count, int size, int threads, int seed = 1)
    {
        if (count < 1) throw new UserFacingException($"bench: count must be >= 1 (got {count})");
        if (threads < 1) throw new UserFacingException($"bench: threads must be >= 1 (got {threads})");
        PhantomRenderer.Render(PhantomDemo.Case(seed, 0, 64)); // warm up
        var sw = Stopwatch.StartNew();
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = threads }, i => PhantomRenderer.Render(PhantomDemo.Case(seed, i, size)));
        return new Result(count, size, threads, sw.Elapsed.TotalSeconds);
    }
}
