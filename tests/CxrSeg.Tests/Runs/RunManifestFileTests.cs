using System.Text.Json.Nodes;
using CxrSeg.Data.Cache;
using CxrSeg.Models;
using CxrSeg.Runs;
using CxrSeg.Stages;
using CxrSeg.Tests.Support;

namespace CxrSeg.Tests.Runs;

public sealed class RunManifestFileTests
{
    [Fact]
    public void Run_json_keeps_its_fields_in_order_and_nothing_else()
    {
        using var tmp = new TempDir();
        string[] names = ["a", "b"];
        var data = new InMemoryPreparedSet("own", 32, names, TargetKind.Mask, [new byte[32 * 32]],
            [new byte[names.Length * 32 * 32]], null, null, new DatasetSplits([0], [], [], []));
        RunManifestFile.WriteOrVerify(tmp.Path, new TrainOptions(), data, new ModelSpec("unet", "resnet18", 1, 2), new RunDescription());

        var run = JsonNode.Parse(File.ReadAllText(Path.Combine(tmp.Path, RunFiles.Manifest)))!.AsObject();
        Assert.Equal(["task", "stage", "modelSpec", "classNames", "inputSize", "normalisation", "seed", "init", "transfer", "options", "dataset", "versions", "created"],
            run.Select(kv => kv.Key));
        Assert.Equal(["mean", "std", "scale"], run["normalisation"]!.AsObject().Select(kv => kv.Key));
        Assert.Equal(["name", "path", "hash", "count", "size", "train", "validation", "test", "partitions"], run["dataset"]!.AsObject().Select(kv => kv.Key));
        Assert.Equal("own:1:32", run["dataset"]!["hash"]!.GetValue<string>());
        var back = RunManifestFile.Read(Path.Combine(tmp.Path, RunFiles.Manifest), tmp.Path);
        Assert.Equal((0.449, 0.226, 0.5), (back.EffectiveNormalisation.Mean, back.EffectiveNormalisation.Std, back.Threshold));
    }
}
