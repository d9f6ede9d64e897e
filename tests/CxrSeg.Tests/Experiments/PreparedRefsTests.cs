using CxrSeg.Experiments;
using CxrSeg.Models.Weights;
using CxrSeg.Stages;
using CxrSeg.Tests.Support;

namespace CxrSeg.Tests.Experiments;

public sealed class PreparedRefsTests
{
    private static void FakeCache(string dir, int size, DateTime written)
    {
        Directory.CreateDirectory(dir);
        var manifest = Path.Combine(dir, "manifest.json");
        File.WriteAllText(manifest, $$"""{"Size": {{size}}}""");
        File.SetLastWriteTimeUtc(manifest, written);
    }

    private static PlanSpec Plan(string datasetRef) => new("p",
        [new StageSpec(TrainTask.Segment, DatasetKind.Ccxs, "unet", "resnet18", InitKind.Random, TransferMode.Encoder, 1, new Dictionary<string, string>())],
        new Dictionary<DatasetKind, string> { [DatasetKind.Ccxs] = datasetRef });

    [Fact]
    public void A_new_preparation_gives_new_stage_ids_and_a_pinned_reference_keeps_its_own()
    {
        using var tmp = new TempDir();
        var ws = new Workspace(tmp.Path);
        FakeCache(Path.Combine(tmp.Path, "prepared", "ccxs", "aaaa1111"), 32, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var first = ws.Pin(Plan("prepared/ccxs"));
        Assert.Equal("prepared/ccxs/aaaa1111", first.DatasetRefs[DatasetKind.Ccxs]);
        Assert.Equal(first.DatasetRefs[DatasetKind.Ccxs], ws.Pin(first).DatasetRefs[DatasetKind.Ccxs]); // pinning is idempotent
        Assert.Equal(StageIds.Of(first), StageIds.Of(ws.Pin(first)));

        FakeCache(Path.Combine(tmp.Path, "prepared", "ccxs", "bbbb2222"), 32, new DateTime(2026, 1, 2, 0, 0, 0, DateTimeKind.Utc));
        var second = ws.Pin(Plan("prepared/ccxs"));
        Assert.Equal("prepared/ccxs/bbbb2222", second.DatasetRefs[DatasetKind.Ccxs]);
        Assert.NotEqual(StageIds.Of(first), StageIds.Of(second));
        Assert.Equal(StageIds.Of(first), StageIds.Of(ws.Pin(Plan("prepared/ccxs/aaaa1111"))));
    }

    [Fact]
    public void A_reference_that_does_not_resolve_is_kept_as_written()
    {
        using var tmp = new TempDir();
        var ws = new Workspace(tmp.Path);
        var plan = Plan("prepared/nowhere");
        Assert.Equal("prepared/nowhere", ws.Pin(plan).DatasetRefs[DatasetKind.Ccxs]);
        Assert.Equal(StageIds.Of(plan), StageIds.Of(ws.Pin(plan)));
    }
}
