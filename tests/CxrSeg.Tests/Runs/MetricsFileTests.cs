using System.Text.Json.Nodes;
using CxrSeg.Metrics;
using CxrSeg.Runs;

namespace CxrSeg.Tests.Runs;

public sealed class MetricsFileTests
{
    [Fact]
    public void Metrics_json_has_the_documented_fields()
    {
        var acc = new SegmentationAccumulator(["Right Lung", "Pneumothorax"]);
        acc.Update([1, 0, 0, 0], [1, 1, 0, 0], [1, 1]);
        var j = JsonNode.Parse(MetricsFile.Of(acc.Compute(), "test").ToJson())!;
        Assert.Equal("segment", (string?)j["task"]);
        Assert.Equal(0.5, (double)j["threshold"]!);
        Assert.Equal(OverlapMath.Reduction, (string?)j["reduction"]);
        Assert.Equal(1, (int)j["nImages"]!);
        Assert.Null(j["classes"]![1]!["iou"]);
        Assert.StartsWith("n/a", (string?)j["classes"]![1]!["status"]);
        Assert.Equal(0.5, (double)j["mIoU"]!);
        Assert.Equal(2.0 / 3, (double)j["mDice"]!, 12);
    }
}
