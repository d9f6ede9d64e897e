
namespace CxrSeg.Bench;

/// <summary>
/// Forward + backward + Adam step per pairing on random data: seconds per step, images/s, FLOPs per step counted
/// from the layers, and the achieved GFLOP/s as a fraction of the same run's GEMM rate.
/// </summary>
public sealed class TrainStepSuite : IBenchSuite
{
    /// <summary>The targets of the issue, as fractions of the GEMM rate.</summary>
    public static readonly IReadOnlyDictionary<string, BenchTarget> Targets = new Dictionary<string, BenchTarget>
    {
        ["unet-resnet50"] = BenchTarget.Min(0.60),
        ["unet-vgg16"] = BenchTarget.Min(0.60),
        ["deeplabv3-resnet50"] = BenchTarget.Min(0.50),
    };

    /// <inheritdoc />
    public string Name => "train-step";

    /// <inheritdoc />
    public string Description => "forward + backward + Adam step per pairing: s/step, images/s, FLOPs from the layers, GFLOP/s as a fraction of gemm";

    /// <inheritdoc />
    public IReadOnlyList<BenchFigure> Run(BenchContext context)
    {
        var gemm = context.GemmGflops;
        var figures = new List<BenchFigure>();
        foreach (var spec in PairingNames.Resolve(context.Settings.Pairings))
        {
            var name = PairingNames.Of(spec);
            var r = context.TrainStep(spec);
            figures.Add(new BenchFigure($"{name} step", r.SecondsPerStep, "s/step"));
            figures.Add(new BenchFigure($"{name} throughput", r.ImagesPerSecond, "images/s"));
            figures.Add(new BenchFigure($"{name} work", r.FlopsPerStep / 1e9, "GFLOP/step"));
            var fraction = r.FractionOf(gemm);
            figures.Add(Targets.TryGetValue(name, out var t)
                ? t.Figure($"{name} rate", r.Gflops, "GFLOP/s", fraction, "gemm GFLOP/s")
                : new BenchFigure($"{name} rate", r.Gflops, "GFLOP/s", fraction, "gemm GFLOP/s"));
        }
        return figures;
    }
}
