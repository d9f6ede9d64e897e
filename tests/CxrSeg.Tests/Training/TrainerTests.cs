using System.Text.Json.Nodes;
using CxrSeg.Data.Transforms;
using CxrSeg.Models;
using CxrSeg.Runs;
using CxrSeg.Stages;
using CxrSeg.Tests.Support;
using CxrSeg.Training;

namespace CxrSeg.Tests.Training;

public sealed class TrainerTests
{
    private static readonly TrainOptions Fast = new()
    {
        BatchSize = 4, LearningRate = 0.01, MaxEpochs = 3, Patience = 0, Seed = 7, Threads = 0, Augment = new AugmentOptions(BlurProbability: 0),
    };

    private static double Head(List<double> l) => l.Take(3).Average();
    private static double Tail(List<double> l) => l.TakeLast(3).Average();

    [Fact]
    public void Segmentation_loss_falls_and_run_folder_is_complete()
    {
        using var tmp = new TempDir();
        var data = TinyData.Segmentation();
        var rec = new StepRecorder();
        var spec = new ModelSpec("tiny", "tiny", 1, 3);
        var result = new Trainer().Run(Fast with { MaxEpochs = 6 }, data, spec, TinyModels.Segmenter(1, 3), tmp.Path, rec);
        Assert.True(Tail(rec.Losses) < Head(rec.Losses) * 0.8, $"loss {Head(rec.Losses)} → {Tail(rec.Losses)}");
        foreach (var f in new[] { "run.json", "history.csv", "metrics.json", "checkpoint_best/model.dat", "checkpoint_last/optimizer.dat", "checkpoint_last/state.json" })
            Assert.True(File.Exists(Path.Combine(tmp.Path, f)), f);
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(tmp.Path, "tensorboard"), "events.out.tfevents.*"));
        var metrics = JsonNode.Parse(File.ReadAllText(result.MetricsPath!))!;
        Assert.Equal("segment", (string?)metrics["task"]);
        Assert.Equal("test", (string?)metrics["split"]);
        Assert.Equal(3, metrics["classes"]!.AsArray().Count);
        Assert.True((double)metrics["classes"]![0]!["iou"]! > 0.3, "right-lung disc IoU should be non-trivial");
        var run = JsonNode.Parse(File.ReadAllText(Path.Combine(tmp.Path, "run.json")))!;
        Assert.Equal(0.449, (double)run["normalisation"]!["mean"]!);
        Assert.Equal(7, (int)run["seed"]!);
        Assert.Equal("tiny", (string?)run["modelSpec"]!["architecture"]);
        Assert.Equal(6, HistoryCsv.Read(Path.Combine(tmp.Path, "history.csv")).Count);
    }

    [Fact]
    public void Classification_loss_falls_and_auroc_is_reported()
    {
        using var tmp = new TempDir();
        var data = TinyData.Classification(count: 24);
        var rec = new StepRecorder();
        var result = new Trainer().Run(Fast with { Task = TrainTask.Classify, MaxEpochs = 8, Augment = new AugmentOptions(Enabled: false) },
            data, new ModelSpec("classifier", "tiny", 1, 3), TinyModels.Classifier(1, 3), tmp.Path, rec);
        Assert.True(Tail(rec.Losses) < Head(rec.Losses), $"loss {Head(rec.Losses)} → {Tail(rec.Losses)}");
        var metrics = JsonNode.Parse(File.ReadAllText(result.MetricsPath!))!;
        Assert.Equal("classify", (string?)metrics["task"]);
        Assert.NotNull(metrics["classes"]![0]!["auroc"] ?? metrics["classes"]![0]!["status"]);
    }

    [Fact]
    public void Reconstruction_loss_falls()
    {
        using var tmp = new TempDir();
        var data = TinyData.Segmentation();
        var rec = new StepRecorder();
        var result = new Trainer().Run(Fast with { Task = TrainTask.Reconstruct, MaxEpochs = 5 }, data,
            new ModelSpec("autoencoder", "tiny", 1, 1), TinyModels.Autoencoder(1), tmp.Path, rec);
        Assert.True(Tail(rec.Losses) < Head(rec.Losses) * 0.7, $"loss {Head(rec.Losses)} → {Tail(rec.Losses)}");
        var metrics = JsonNode.Parse(File.ReadAllText(result.MetricsPath!))!;
        Assert.Equal("reconstruct", (string?)metrics["task"]);
        Assert.True((double)metrics["loss"]! > 0);
    }

    [Fact]
    public void Killed_and_resumed_rotating_run_ends_with_the_uninterrupted_metrics()
    {
        var data = TinyData.Segmentation();
        var spec = new ModelSpec("tiny", "tiny", 1, 3);
        var o = Fast with { Protocol = TrainProtocol.Rotating, MaxEpochs = 2, Schedule = LrScheduleKind.Cosine };
        using var a = new TempDir();
        var whole = new Trainer().Run(o, data, spec, TinyModels.Segmenter(1, 3), a.Path);

        using var b = new TempDir();
        using var cts = new CancellationTokenSource();
        // 4 partitions of 3 images, batch 4 → 9 images per run = 3 steps; 12 steps per epoch. Stop mid-epoch 2.
        var killer = new StepRecorder(cts, cancelAfterStep: 17);
        Assert.ThrowsAny<OperationCanceledException>(() =>
            new Trainer().Run(o, data, spec, TinyModels.Segmenter(1, 3), b.Path, killer, cancellation: cts.Token));
        Assert.False(File.Exists(Path.Combine(b.Path, "metrics.json")));
        var rec = new StepRecorder();
        var resumed = new Trainer().Run(o, data, spec, TinyModels.Segmenter(1, 3, seed: 123), b.Path, rec);
        Assert.True(resumed.Resumed);
        Assert.Contains(rec.Messages, m => m.Contains("resuming"));
        Assert.Equal(File.ReadAllText(whole.MetricsPath!), File.ReadAllText(resumed.MetricsPath!));
        Assert.Equal(whole.BestScore, resumed.BestScore);
    }

    [Fact]
    public void Checkpoint_every_epoch_resumes_from_the_epoch_start_and_trains_the_same_network()
    {
        var data = TinyData.Segmentation();
        var spec = new ModelSpec("tiny", "tiny", 1, 3);
        var o = Fast with { Protocol = TrainProtocol.Rotating, MaxEpochs = 2 };
        using var a = new TempDir();
        var whole = new Trainer().Run(o, data, spec, TinyModels.Segmenter(1, 3), a.Path);

        var perEpoch = o with { CheckpointEvery = CheckpointEvery.Epoch };
        using var b = new TempDir();
        using var cts = new CancellationTokenSource();
        // 12 steps per epoch (4 rotating runs of 3); stop in the third run of epoch 2.
        var killer = new StepRecorder(cts, cancelAfterStep: 20);
        Assert.ThrowsAny<OperationCanceledException>(() =>
            new Trainer().Run(perEpoch, data, spec, TinyModels.Segmenter(1, 3), b.Path, killer, cancellation: cts.Token));
        var rec = new StepRecorder();
        var resumed = new Trainer().Run(perEpoch, data, spec, TinyModels.Segmenter(1, 3, seed: 123), b.Path, rec);
        var resume = Assert.Single(rec.Messages, m => m.Contains("resuming"));
        Assert.Contains("(epoch 2, run 1/", resume);
        Assert.Equal(File.ReadAllText(whole.MetricsPath!), File.ReadAllText(resumed.MetricsPath!));
    }

    [Fact]
    public void Same_seed_gives_the_same_metrics_and_another_seed_differs()
    {
        var data = TinyData.Segmentation();
        var spec = new ModelSpec("tiny", "tiny", 1, 3);
        string Train(int seed)
        {
            using var d = new TempDir();
            var r = new Trainer().Run(Fast with { MaxEpochs = 2, Seed = seed }, data, spec, TinyModels.Segmenter(1, 3), d.Path);
            return File.ReadAllText(r.MetricsPath!);
        }
        var first = Train(5);
        Assert.Equal(first, Train(5));
        Assert.NotEqual(first, Train(6));
    }

    [Fact]
    public void NaN_loss_stops_with_the_step_and_keeps_the_last_good_checkpoint()
    {
        using var tmp = new TempDir();
        var data = TinyData.Segmentation(partitions: false);
        // 10 training images, batch 4 → 3 steps per epoch; NaN from the 5th training forward = step 5 in epoch 2.
        var e = Assert.Throws<TrainingDivergedException>(() =>
            new Trainer().Run(Fast with { MaxEpochs = 4 }, data, new ModelSpec("tiny", "tiny", 1, 3), new NaNAfter(3, 5), tmp.Path));
        Assert.Equal(5, e.Step);
        Assert.Contains("step 5", e.Message);
        Assert.Contains("epoch 2", e.Message);
        var state = CheckpointStore.ReadState(Path.Combine(tmp.Path, CheckpointStore.Last));
        Assert.Equal(1, state.Epoch);
        Assert.Equal(3, state.Step);
    }

    [Fact]
    public void Early_stopping_ends_the_run_before_max_epochs()
    {
        using var tmp = new TempDir();
        var data = TinyData.Segmentation(partitions: false);
        // A learning rate of ~0 never improves the validation loss by 1.0, so patience 2 stops after 3 epochs.
        var o = Fast with { MaxEpochs = 20, LearningRate = 1e-9, MinLearningRate = 0, Monitor = "val_loss", Patience = 2, MinDelta = 1.0 };
        var r = new Trainer().Run(o, data, new ModelSpec("tiny", "tiny", 1, 3), TinyModels.Segmenter(1, 3), tmp.Path);
        Assert.True(r.StoppedEarly);
        Assert.Equal(3, r.EpochsRun);
        Assert.Equal(1, r.BestEpoch);
    }

    [Fact]
    public void Kfold_trains_one_model_per_fold_and_ensembles()
    {
        using var tmp = new TempDir();
        var data = TinyData.Segmentation(partitions: false);
        var made = 0;
        var r = new Trainer().Run(Fast with { Protocol = TrainProtocol.KFold, Folds = 3, MaxEpochs = 1 }, data,
            new ModelSpec("tiny", "tiny", 1, 3), () => { made++; return TinyModels.Segmenter(1, 3, made); }, tmp.Path);
        Assert.Equal(3, made);
        for (var f = 1; f <= 3; f++) Assert.True(Directory.Exists(Path.Combine(tmp.Path, $"fold_{f}", "checkpoint_last")));
        Assert.True(File.Exists(r.MetricsPath));
    }

    [Fact]
    public void Resuming_with_different_options_is_refused_naming_the_field()
    {
        using var tmp = new TempDir();
        var data = TinyData.Segmentation(partitions: false);
        var spec = new ModelSpec("tiny", "tiny", 1, 3);
        new Trainer().Run(Fast with { MaxEpochs = 1 }, data, spec, TinyModels.Segmenter(1, 3), tmp.Path);
        var e = Assert.Throws<UserFacingException>(() =>
            new Trainer().Run(Fast with { MaxEpochs = 1, BatchSize = 2 }, data, spec, TinyModels.Segmenter(1, 3), tmp.Path));
        Assert.Contains("batchSize", e.Message);
    }
}
