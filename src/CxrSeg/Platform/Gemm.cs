using System.Diagnostics;
using static TorchSharp.torch;

namespace CxrSeg.Platform;

/// <summary>Measures the float32 matrix-multiply rate: this machine's practical peak, the reference for every other speed.</summary>
public static class Gemm
{
    /// <summary>Times n×n @ n×n (2n³ FLOPs) after a warm-up and returns the best GFLOP/s over <paramref name="repeats"/>.</summary>
    public static double MeasureGflops(int n = 2048, int repeats = 3, string device = "cpu")
    {
        using var scope = NewDisposeScope();
        var dev = new Device(device);
        var a = rand(n, n, device: dev);
        var b = rand(n, n, device: dev);
        _ = matmul(a, b); // warm-up
        Synchronize(dev);
        var best = double.MaxValue;
        for (var i = 0; i < repeats; i++)
        {
            var sw = Stopwatch.StartNew();
            var c = matmul(a, b);
            Synchronize(dev);
            best = Math.Min(best, sw.Elapsed.TotalSeconds);
            c.Dispose();
        }
        return 2.0 * n * n * n / best / 1e9;
    }

    private static void Synchronize(Device dev)
    {
        if (dev.type == TorchSharp.DeviceType.CUDA) cuda.synchronize();
    }
}
