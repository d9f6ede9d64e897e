using CxrSeg.Bench.Measurements;
using CxrSeg.Phantoms;

namespace CxrSeg.Bench;

/// <summary>Phantom rendering (anatomy, findings, devices, masks; no file writing) in phantoms/s per core, one and all cores.</summary>
public sealed class PhantomsSuite : IBenchSuite
{
    /// <inheritdoc />
    public string Name => "phantoms";

    /// <inheritdoc />
    public string Description => "synthetic chest X-rays rendered per second per core (320 px, one core and all cores)";

    /// <inheritdoc />
    public IReadOnlyList<BenchFigure> Run(BenchContext context)
    {
        const int size = 320;
        var cores = Environment.ProcessorCount;
        var one = context.MedianOf(() => PhantomBenchmark.Run(8, size, 1).PerSecondPerCore);
        var all = context.MedianOf(() => PhantomBenchmark.Run(8 * cores, size, cores).PerSecondPerCore);
        return
        [
            new BenchFigure($"phantoms at {size} px, 1 core", one, "phantoms/s/core"),
            new BenchFigure($"phantoms at {size} px, {cores} cores", all, "phantoms/s/core", all / one, "1-core rate"),
        ];
    }
}
