using CxrSeg.Data.Cache;
using CxrSeg.Data.Ccxs;
using CxrSeg.Data.Transforms;
using CxrSeg.Models;
using CxrSeg.Predict;
using CxrSeg.Runs;
using CxrSeg.Stages;
using CxrSeg.Tests.Support;
using static TorchSharp.torch;

namespace CxrSeg.Tests.Predict;

public sealed class TrainedModelTests
{
    /// <summary>Writes a run folder as the trainer does: run.json and checkpoint_best/ of a random resnet18 UNet.</summary>
    private static (ModelSpec Spec, nn.Module<Tensor, Tensor> Net) WriteRun(string runDir, int size, Normalisation norm)
    {
        var names = CcxsClasses.Names;
        var data = new InMemoryPreparedSet("ccxs", size, names, TargetKind.Mask, [new byte[size * size]],
            [new byte[names.Count * size * size]], null, null, new DatasetSplits([0], [], [], []));
        manual_seed(7);
        var spec = new ModelSpec("unet", "resnet18", 1, names.Count);
        var net = ModelFactory.Create(spec);
        RunManifestFile.WriteOrVerify(runDir, new TrainOptions { Normalisation = norm }, data, spec, new RunDescription());
        CheckpointStore.Save(runDir, CheckpointStore.Best, net, null, new TrainingState(), spec);
        return (spec, net);
    }

    [Fact]
    public void A_run_folder_alone_gives_the_model_classes_size_and_normalisation()
    {
        using var tmp = new TempDir();
        var norm = new Normalisation(0.3, 0.2);
        var (spec, net) = WriteRun(tmp.Path, 32, norm);

        using var loaded = TrainedModel.Load(tmp.Path);

        Assert.Equal(spec, loaded.Spec);
        Assert.Equal(CcxsClasses.Names, loaded.ClassNames);
        Assert.Equal(32, loaded.InputSize);
        Assert.Equal(norm, loaded.Normalisation);
        net.eval();
        using var x = randn(2, 1, 32, 32);
        using var a = net.forward(x);
        using var b = loaded.Network.forward(x);
        Assert.True((a - b).abs().max().item<float>() < 1e-5, "loaded weights differ from the saved network");
    }

    [Fact]
    public void A_folder_without_a_checkpoint_is_refused_with_its_name()
    {
        using var tmp = new TempDir();
        WriteRun(tmp.Path, 32, new Normalisation());
        Directory.Delete(Path.Combine(tmp.Path, CheckpointStore.Best), true);
        var e = Assert.Throws<UserFacingException>(() => TrainedModel.Load(tmp.Path));
        Assert.Contains(CheckpointStore.Best, e.Message);
        var e2 = Assert.Throws<UserFacingException>(() => TrainedModel.Load(tmp.File("nowhere")));
        Assert.Contains("nowhere", e2.Message);
    }

    [Theory]
    [InlineData("inputSize", "\"big\"", "inputSize")]
    [InlineData("inputSize", "-3", "inputSize")]
    [InlineData("classNames", "7", "classNames")]
    [InlineData("classNames", "[\"Right Lung\"]", "classNames")]
    [InlineData("normalisation", "{\"mean\": \"x\"}", "normalisation.mean")]
    [InlineData("task", "[1]", "task")]
    [InlineData("options", "{\"threshold\": 7}", "options.threshold")]
    public void A_damaged_run_json_names_the_run_folder_and_the_field(string field, string json, string named)
    {
        using var tmp = new TempDir();
        WriteRun(tmp.Path, 32, new Normalisation());
        var path = Path.Combine(tmp.Path, RunFiles.Manifest);
        var node = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        node[field] = System.Text.Json.Nodes.JsonNode.Parse(json);
        File.WriteAllText(path, node.ToJsonString());
        var e = Assert.Throws<UserFacingException>(() => TrainedModel.Load(tmp.Path));
        Assert.Contains("damaged", e.Message);
        Assert.Contains(named, e.Message);
    }

    [Fact]
    public void Duplicate_class_names_and_a_bogus_spec_are_named()
    {
        using var tmp = new TempDir();
        WriteRun(tmp.Path, 32, new Normalisation());
        var path = Path.Combine(tmp.Path, RunFiles.Manifest);
        var node = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        var names = CcxsClasses.Names.ToArray();
        names[1] = names[0];
        node["classNames"] = new System.Text.Json.Nodes.JsonArray(names.Select(n => (System.Text.Json.Nodes.JsonNode?)n).ToArray());
        File.WriteAllText(path, node.ToJsonString());
        Assert.Contains("times", Assert.Throws<UserFacingException>(() => TrainedModel.Load(tmp.Path)).Message);
        using var tmp2 = new TempDir();
        WriteRun(tmp2.Path, 32, new Normalisation());
        var spec = Path.Combine(tmp2.Path, CheckpointStore.Best, CheckpointStore.SpecFile);
        foreach (var bogus in new[] { "[]", "{\"Architecture\": \"teapot\", \"Encoder\": \"resnet18\", \"InputChannels\": 1, \"Classes\": 13}" })
        {
            File.WriteAllText(spec, bogus);
            var e = Assert.Throws<UserFacingException>(() => TrainedModel.Load(tmp2.Path));
            Assert.Contains(CheckpointStore.SpecFile, e.Message);
        }
    }

    [SkippableFact]
    public void Cuda_without_a_cuda_device_is_a_clear_error_naming_the_option()
    {
        Skip.If(TorchSharp.torch.cuda.is_available(), "this machine has CUDA");
        using var tmp = new TempDir();
        WriteRun(tmp.Path, 32, new Normalisation()).Net.Dispose();
        var e = Assert.Throws<UserFacingException>(() => TrainedModel.Load(tmp.Path, "cuda"));
        Assert.Contains("--device cuda", e.Message);
        Assert.Contains("--device cpu", e.Message);
    }
}
