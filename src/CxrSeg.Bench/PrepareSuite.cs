using CxrSeg.Bench.Measurements;
using CxrSeg.Data.Prepare;

namespace CxrSeg.Bench;

/// <summary>JPEG → cache and DICOM → cache images/s per core against the same run's decode-only rate.</summary>
public sealed class PrepareSuite : IBenchSuite
{
    /// <summary>Target for (decode → cache) ÷ decode-only throughput.</summary>
    public static readonly BenchTarget Target = BenchTarget.Min(0.8);

    /// <inheritdoc />
    public string Name => "prepare";

    /// <inheritdoc />
    public string Description => "JPEG → cache and DICOM → cache images/s per core vs decode only (synthetic 1024² sources)";

    /// <inheritdoc />
    public IReadOnlyList<BenchFigure> Run(BenchContext context)
    {
        var s = context.Settings;
        var scratch = Path.Combine(context.Scratch, "prepare");
        var options = new PrepareBenchmarkOptions { Images = s.PrepareImages, SourceSize = s.PrepareSourceSize, Size = s.Size, BatchSize = s.Batch, Scratch = scratch };
        context.Log($"prepare: {s.PrepareImages} JPEGs and {s.PrepareImages} 12-bit DICOMs of {s.PrepareSourceSize}², {options.Workers} workers, × {context.Repeat}");
        var runs = new List<IReadOnlyList<PrepareBenchmarkRow>>();
        try
        {
            for (var i = 0; i < context.Repeat; i++)
            {
                if (Directory.Exists(scratch)) Directory.Delete(scratch, recursive: true);
                runs.Add(PrepareBenchmark.Run(options));
            }
        }
        finally
        {
            if (Directory.Exists(scratch)) Directory.Delete(scratch, recursive: true);
        }
        double PerCore(int row) => BenchContext.Median(runs.Select(r => r[row].ImagesPerSecondPerCore));
        var stages = runs[0];
        var figures = new List<BenchFigure>();
        foreach (var (decode, cache, label) in new[] { (0, 1, "JPEG"), (2, 3, "DICOM") })
        {
            var d = PerCore(decode);
            var c = PerCore(cache);
            figures.Add(new BenchFigure($"{label} decode only", d, "images/s/core"));
            figures.Add(Target.Figure($"{label} → cache", c, "images/s/core", c / d, $"{label} decode only"));
        }
        figures.Add(new BenchFigure(stages[4].Stage, PerCore(4), "images/s (1 core)"));
        return figures;
    }
}
