using CxrSeg.Data.Cache;
using CxrSeg.Data.Transforms;
using CxrSeg.Models;
using CxrSeg.Runs;
using CxrSeg.Stages;
using CxrSeg.Tests.Support;
using static TorchSharp.torch;

namespace CxrSeg.Tests.Runs;

/// <summary>The one checkpoint format: a run folder (run.json + checkpoint_best/) rebuilds its network alone.</summary>
public sealed class CheckpointFolderTests
{
    private static void Perturb(nn.Module net)
    {
        using var _ = no_grad();
        foreach (var (_, t) in net.state_dict())
            if (t.dtype == ScalarType.Float32) t.mul_(1 + 0.1 * (rand_like(t) - 0.5)).add_(0.01 * (rand_like(t) - 0.5)); // small, zero-mean: outputs stay finite in eval mode
    }

    [Fact]
    public void Checkpoint_folder_rebuilds_the_network_with_spec_normalisation_classes_and_size()
    {
        using var tmp = new TempDir();
        var spec = new ModelSpec("unet", "resnet18", 1, 3);
        using var a = ModelFactory.Create(spec);
        Perturb(a);
        var norm = new Normalisation(0.5, 0.25);
        string[] names = ["a", "b", "c"];
        var data = new InMemoryPreparedSet("own", 64, names, TargetKind.Mask, [new byte[64 * 64]],
            [new byte[names.Length * 64 * 64]], null, null, new DatasetSplits([0], [], [], []));
        RunManifestFile.WriteOrVerify(tmp.Path, new TrainOptions { Normalisation = norm }, data, spec, new RunDescription());
        CheckpointStore.Save(tmp.Path, CheckpointStore.Best, a, null, new TrainingState(), spec);
        var loaded = RunFolder.LoadModel(tmp.Path);
        using var b = loaded.Network;
        Assert.Equal(spec, loaded.Spec);
        Assert.Equal(norm.Mean, loaded.Normalisation.Mean);
        Assert.Equal(norm.Std, loaded.Normalisation.Std);
        Assert.Equal(names, loaded.ClassNames);
        Assert.Equal(64, loaded.InputSize);
        a.eval();
        b.eval();
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var x = randn(2, 1, 64, 64);
        var sa = a.state_dict();
        foreach (var (k, t) in b.state_dict()) Assert.True(t.Equals(sa[k]), k);
        var ya = a.call(x);
        var yb = b.call(x);
        Assert.True(ya.Equals(yb), $"max diff {(ya - yb).abs().max().item<float>()}, finite {ya.isfinite().all().item<bool>()}");
    }

    [Fact]
    public void Loading_a_folder_without_a_checkpoint_names_the_missing_file()
    {
        using var tmp = new TempDir();
        var e = Assert.Throws<UserFacingException>(() => RunFolder.LoadModel(tmp.Path));
        Assert.Contains(CheckpointStore.ModelFile, e.Message);
    }
}
