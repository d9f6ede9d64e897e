using CxrSeg.Data.Cache;
using CxrSeg.Data.Transforms;
using CxrSeg.Models;
using CxrSeg.Stages;
using CxrSeg.Tests.Support;
using CxrSeg.Training;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace CxrSeg.Tests.Training;

public sealed class GradientAccumulationTests
{
    /// <summary>Two batches of 2 accumulated take the same steps as batches of 4 (BCE is a mean over images, the net has no batch norm).</summary>
    [Fact]
    public void Two_accumulated_half_batches_train_like_one_full_batch()
    {
        var tiny = TinyData.Segmentation(count: 12);
        var data = AllLabelled(tiny);
        var spec = new ModelSpec("tiny", "tiny", 1, 3);
        var o = new TrainOptions
        {
            LearningRate = 0.01, MaxEpochs = 1, Patience = 0, Seed = 5, SegmentationLoss = SegmentationLoss.Bce, Augment = new AugmentOptions(Enabled: false),
        };
        Module<Tensor, Tensor> Net()
        {
            manual_seed(9);
            return Sequential(Conv2d(1, 4, 3, padding: 1), ReLU(), Conv2d(4, 3, 1));
        }
        using var a = new TempDir();
        using var b = new TempDir();
        var full = Net();
        var half = Net();
        new Trainer().Run(o with { BatchSize = 4 }, data, spec, full, a.Path);
        new Trainer().Run(o with { BatchSize = 2, AccumulateSteps = 2 }, data, spec, half, b.Path);
        var (fa, ha) = (full.parameters().ToArray(), half.parameters().ToArray());
        for (var i = 0; i < fa.Length; i++) Assert.True(fa[i].allclose(ha[i], rtol: 1e-4, atol: 1e-6), $"parameter {i}");
        Assert.Contains("accumulate", Assert.Throws<UserFacingException>(() => new TrainOptions { AccumulateSteps = 0 }.Validate()).Message);
    }

    private static InMemoryPreparedSet AllLabelled(IPreparedSet d)
    {
        var n = d.Size * d.Size;
        var c = d.ClassNames.Count;
        var images = Enumerable.Range(0, d.Count).Select(i => { var b = new byte[n]; d.CopyImage(i, b); return b; }).ToArray();
        var masks = Enumerable.Range(0, d.Count).Select(i => { var b = new byte[c * n]; d.CopyMask(i, b); return b; }).ToArray();
        return new InMemoryPreparedSet("all", d.Size, d.ClassNames, TargetKind.Mask, images, masks, null, null,
            new DatasetSplits(d.Splits.Train, d.Splits.Validation, d.Splits.Test, []));
    }
}
