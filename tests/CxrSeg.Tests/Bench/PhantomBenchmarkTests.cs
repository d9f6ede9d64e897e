using CxrSeg.Bench.Measurements;

namespace CxrSeg.Tests.Bench;

public sealed class PhantomBenchmarkTests
{
    [Fact]
    public void Benchmark_reports_a_rate()
    {
        var r = PhantomBenchmark.Run(2, 64, 1);
        Assert.Equal(2, r.Phantoms);
        Assert.True(r.PerSecondPerCore > 0);
    }
}
