using CxrSeg.Bench.Measurements;
using CxrSeg.Data.Prepare;

namespace CxrSeg.Tests.Bench;

public sealed class PrepareBenchmarkTests
{
    [Fact]
    public void TinyRun_ReportsEveryStage()
    {
        var rows = PrepareBenchmark.Run(new PrepareBenchmarkOptions { Images = 3, SourceSize = 64, Size = 32, Workers = 1, BatchSize = 4 });
        Assert.Equal(["JPEG decode only", "JPEG → cache", "DICOM decode only", "DICOM → cache"], rows.Take(4).Select(r => r.Stage));
        Assert.StartsWith("cache → batch", rows[4].Stage);
        Assert.All(rows, r => Assert.True(r.ImagesPerSecond > 0 && double.IsFinite(r.ImagesPerSecond)));
        Assert.Contains("Images", Assert.Throws<UserFacingException>(() => PrepareBenchmark.Run(new PrepareBenchmarkOptions { Images = 0 })).Message);
    }
}
