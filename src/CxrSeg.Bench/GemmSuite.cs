
namespace CxrSeg.Bench;

/// <summary>float32 2048² matmul: this machine's practical peak and the reference of every other suite.</summary>
public sealed class GemmSuite : IBenchSuite
{
    /// <inheritdoc />
    public string Name => "gemm";

    /// <inheritdoc />
    public string Description => "float32 2048² matmul GFLOP/s (the practical peak; reference for the ratios)";

    /// <inheritdoc />
    public IReadOnlyList<BenchFigure> Run(BenchContext context) =>
        [new BenchFigure("matmul 2048² fp32", context.GemmGflops, "GFLOP/s")];
}
