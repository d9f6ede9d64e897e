using System.Text.Json.Nodes;
using CxrSeg.Data.Cache;
using CxrSeg.Data.Prepare;
using CxrSeg.Data.Transforms;
using CxrSeg.Models;
using CxrSeg.Runs;
using CxrSeg.Stages;
using CxrSeg.Tests.Data.Ccxs;
using CxrSeg.Tests.Support;
using CxrSeg.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace CxrSeg.Tests.Training;

public sealed class OriginalResolutionScoresTests
{
    /// <summary>Returns a constant logit per class: +10 for the classes in <paramref name="on"/>, −10 elsewhere.</summary>
    private sealed class Constant(int classes, int[] on) : nn.Module<Tensor, Tensor>("constant")
    {
        public override Tensor forward(Tensor x)
        {
            var logits = full(classes, -10f);
            foreach (var k in on) logits[k] = tensor(10f);
            return logits.view(1, classes, 1, 1).expand(x.shape[0], classes, x.shape[2], x.shape[3]).contiguous();
        }
    }

    [Fact]
    public void Test_metrics_report_iou_at_the_original_resolution_from_the_source_labels()
    {
        using var t = new TempDir();
        var src = Path.Combine(t.Path, "ccxs");
        CcxsFixture.Write(src);
        var prepared = PrepareJob.Run(new PrepareOptions { Dataset = "ccxs", Source = src, Workspace = Path.Combine(t.Path, "ws"), Size = 32, Workers = 2 });
        using var data = PreparedSet.Open(prepared.Directory);
        var o = new TrainOptions
        {
            MaxEpochs = 1, MaxStepsPerEpoch = 1, BatchSize = 2, Patience = 0, ValidationFraction = 0.2, Augment = new AugmentOptions(Enabled: false),
        };
        var run = Path.Combine(t.Path, "run");
        new Trainer().Run(o, data, new ModelSpec("tiny", "tiny", 1, 13), TinyModels.Segmenter(1, 13), run);
        var metrics = MetricsFile.Load(Path.Combine(run, RunFiles.Metrics));
        Assert.NotNull(metrics.OriginalResolution);
        Assert.Equal(metrics.NImages, metrics.OriginalResolution!.NImages);
        Assert.Equal(13, metrics.OriginalResolution.Classes.Count);

        // A model that says "everywhere" for class 0 only: at full size its IoU is the true area over the whole images' area,
        // computed here straight from the dataset's labels.
        var settings = new EvaluationSettings { BatchSize = 4 };
        var (scores, note) = OriginalResolutionScores.Compute([new Constant(13, [0])], data, data.Splits.Test, settings);
        Assert.Null(note);
        var ds = CxrSeg.Data.Ccxs.CcxsReader.Read(src);
        long truth = 0, area = 0;
        foreach (var i in data.Splits.Test)
        {
            var im = ds.Images.Single(x => x.FileName == data.Id(i));
            var (mask, _) = CxrSeg.Data.Ccxs.CcxsMaskBuilder.Build(ds, im, im.Width, im.Height);
            truth += mask.AsSpan(0, im.Width * im.Height).Count((byte)1);
            area += im.Width * im.Height;
        }
        Assert.Equal((double)truth / area, scores!.Classes[0].Iou!.Value, 9);

        Directory.Delete(src, recursive: true);
        var (none, why) = OriginalResolutionScores.Compute([new Constant(13, [0])], data, data.Splits.Test, settings);
        Assert.Null(none);
        Assert.Contains("not available", why);
    }
}
