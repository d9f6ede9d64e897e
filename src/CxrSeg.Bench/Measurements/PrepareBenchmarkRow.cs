
namespace CxrSeg.Bench.Measurements;

/// <summary>One measured rate.</summary>
public sealed record PrepareBenchmarkRow(string Stage, int Workers, double ImagesPerSecond, double ImagesPerSecondPerCore);
