using CxrSeg.Data.Cache;
using CxrSeg.Metrics;
using CxrSeg.Models;
using CxrSeg.Platform;
using CxrSeg.Runs;
using CxrSeg.Stages;
using TorchSharp;
using static TorchSharp.torch;

namespace CxrSeg.Training;

/// <summary>
/// Runs a training job in a run folder: writes run.json, trains with the chosen protocol (resuming from
/// checkpoint_last when present), then evaluates the test split (the validation split when there is no
/// test split) and writes metrics.json.
/// </summary>
public sealed class Trainer
{
    /// <summary>Trains the given network (plain or rotating protocol). K-fold needs independent networks: use the factory overload.</summary>
    public TrainResult Run(TrainOptions options, IPreparedSet data, ModelSpec spec, nn.Module<Tensor, Tensor> model, string runDir,
        ITrainingObserver? observer = null, RunDescription? description = null, CancellationToken cancellation = default)
    {
        if (options.Protocol == TrainProtocol.KFold)
            throw new ArgumentException("k-fold trains one network per fold: pass a model factory", nameof(model));
        return Run(options, data, spec, () => model, runDir, observer, description, cancellation);
    }

    /// <summary>Trains networks made by <paramref name="createModel"/> (called once, or once per fold for k-fold, plus once per fold for the ensemble).</summary>
    public TrainResult Run(TrainOptions options, IPreparedSet data, ModelSpec spec, Func<nn.Module<Tensor, Tensor>> createModel, string runDir,
        ITrainingObserver? observer = null, RunDescription? description = null, CancellationToken cancellation = default)
    {
        options.Validate();
        spec.Validate();
        CheckCompatible(options, data, spec);
        observer ??= new NullObserver();
        description ??= new RunDescription();
        PrepareDevice(options);
        RunManifestFile.WriteOrVerify(runDir, options, data, spec, description);
        var settings = EvaluationSettings.From(options, spec.InChannels);
        var (testIdx, split) = data.Splits.Test.Count > 0 ? (data.Splits.Test, "test")
            : options.Protocol == TrainProtocol.Plain ? (data.Splits.Validation, "validation") : (data.Splits.Test, "");
        switch (options.Protocol)
        {
            case TrainProtocol.KFold:
                return RunKFold(options, data, spec, createModel, runDir, observer, cancellation, settings, testIdx, split);
            default:
            {
                var model = createModel();
                IReadOnlyList<int> train = data.Splits.Train, val = data.Splits.Validation;
                IReadOnlyList<IReadOnlyList<int>>? partitions = null;
                if (options.Protocol == TrainProtocol.Rotating)
                {
                    if (data.Splits.Partitions.Count < 2)
                        throw new UserFacingException($"dataset '{data.Name}' has no rotating partitions (needs ≥ 2); use --protocol plain or kfold");
                    partitions = data.Splits.Partitions;
                }
                else
                {
                    if (options.ValidationFraction is { } fraction)
                    {
                        (train, val) = ValidationSplitter.Split(data, fraction, options.Seed);
                        observer.OnMessage(FormattableString.Invariant($"validation drawn by patient (fraction {fraction}, seed {options.Seed}): {val.Count} validation, {train.Count} training images"));
                        if (data.Splits.Test.Count == 0) testIdx = val; // the prepared validation images now train
                    }
                    if (train.Count == 0 || val.Count == 0)
                        throw new UserFacingException($"dataset '{data.Name}' has {train.Count} training and {val.Count} validation images; the plain protocol needs both (use --val-fraction X to draw validation images by patient, or --protocol rotating / kfold)");
                }
                var loop = new TrainingLoop(options, data, spec, model, runDir, observer, cancellation, 0, 0, train, val, partitions);
                var state = loop.Run();
                settings = TuneThresholds(options, runDir, [(model, val)], data, settings, observer, "validation");
                var eval = Evaluate(runDir, [model], data, testIdx, split, settings, observer);
                return new TrainResult(runDir, options.EffectiveMonitor, state.Best, state.BestEpoch, state.Epoch, state.StoppedEarly,
                    loop.Resumed, eval, eval is null ? null : Path.Combine(runDir, "metrics.json"));
            }
        }
    }

    private static TrainResult RunKFold(TrainOptions options, IPreparedSet data, ModelSpec spec, Func<nn.Module<Tensor, Tensor>> createModel,
        string runDir, ITrainingObserver observer, CancellationToken ct, EvaluationSettings settings, IReadOnlyList<int> testIdx, string split)
    {
        var folds = KFoldSplitter.Split(data, options.Folds, options.Seed);
        var states = new List<TrainingState>();
        var models = new List<nn.Module<Tensor, Tensor>>();
        var resumed = false;
        for (var f = 0; f < folds.Count; f++)
        {
            var model = createModel();
            var train = folds.Where((_, i) => i != f).SelectMany(x => x).ToArray();
            var loop = new TrainingLoop(options, data, spec, model, Path.Combine(runDir, $"fold_{f + 1}"), observer, ct, f + 1, folds.Count, train, folds[f], null);
            states.Add(loop.Run());
            resumed |= loop.Resumed;
            models.Add(model);
        }
        var parts = models.Select((m, f) => (m, folds[f])).ToArray();
        // With tuned thresholds, each fold model is swept over the threshold grid once: for the cross-fitted CV figure and for the run's thresholds.
        var sweeps = options.TuneThresholds ? ThresholdTuner.Sweeps(parts, data, settings) : null;
        if (options.Task == TrainTask.Segment)
        {
            OutOfFoldScores.Write(runDir, models, folds, data, settings, observer);
            if (sweeps is not null) OutOfFoldScores.WriteWithCrossFittedThresholds(runDir, models, folds, sweeps, data, settings, observer);
        }
        settings = TuneThresholds(options, runDir, parts, data, settings, observer, "out-of-fold", sweeps);
        var best = states.Where(s => s.Best.HasValue).Select(s => s.Best!.Value).ToList();
        IReadOnlyList<nn.Module<Tensor, Tensor>> evalModels = models;
        if (!options.FoldEnsemble)
        {
            var pick = Enumerable.Range(0, states.Count).OrderByDescending(i => (options.EffectiveMode == MonitorMode.Max ? 1 : -1) * (states[i].Best ?? double.NegativeInfinity)).First();
            observer.OnMessage($"test evaluation with fold {pick + 1}'s model (best validation {options.EffectiveMonitor})");
            evalModels = [models[pick]];
        }
        else observer.OnMessage($"test evaluation with the mean probability of {models.Count} fold models");
        var eval = Evaluate(runDir, evalModels, data, testIdx, split, settings, observer);
        return new TrainResult(runDir, options.EffectiveMonitor, best.Count == 0 ? null : best.Average(), states[0].BestEpoch,
            states.Sum(s => s.Epoch), states.Any(s => s.StoppedEarly), resumed, eval, eval is null ? null : Path.Combine(runDir, "metrics.json"));
    }

    /// <summary>With <see cref="TrainOptions.TuneThresholds"/>: chooses per-class thresholds on the held-out images, writes them to the run and returns settings that use them.</summary>
    private static EvaluationSettings TuneThresholds(TrainOptions options, string runDir, IReadOnlyList<(nn.Module<Tensor, Tensor>, IReadOnlyList<int>)> parts,
        IPreparedSet data, EvaluationSettings settings, ITrainingObserver observer, string split, IReadOnlyList<ThresholdSweep>? sweeps = null)
    {
        if (!options.TuneThresholds) return settings;
        var tuned = ThresholdTuner.Choose(sweeps ?? ThresholdTuner.Sweeps(parts, data, settings), data.ClassNames, parts.Sum(p => p.Item2.Count), split, settings.Threshold);
        ThresholdsFile.Write(runDir, tuned);
        observer.OnMessage($"thresholds tuned on {tuned.Images} {split} images: " +
            string.Join(", ", tuned.Classes.Select(c => FormattableString.Invariant($"{c.Name} {c.Threshold:0.00}"))));
        return settings with { ClassThresholds = tuned.Values };
    }

    private static EvaluationResult? Evaluate(string runDir, IReadOnlyList<nn.Module<Tensor, Tensor>> models, IPreparedSet data,
        IReadOnlyList<int> indices, string split, EvaluationSettings settings, ITrainingObserver observer)
    {
        if (indices.Count == 0 || split.Length == 0)
        {
            observer.OnMessage("no test split: metrics.json not written");
            return null;
        }
        var result = Evaluator.Evaluate(models, data, indices, settings);
        if (settings.Task == TrainTask.Segment && split == "test")
        {
            var (full, note) = OriginalResolutionScores.Compute(models, data, indices, settings);
            if (note is not null) observer.OnMessage(note);
            if (full is not null)
            {
                result = result with { OriginalResolution = full };
                observer.OnMessage(FormattableString.Invariant($"test mIoU {result.Segmentation?.MeanIou:0.####} at {data.Size}², {full.MeanIou:0.####} at the original resolution"));
            }
        }
        AtomicFile.WriteAllText(Path.Combine(runDir, "metrics.json"), result.ToJson(split));
        return result;
    }

    private static void CheckCompatible(TrainOptions o, IPreparedSet data, ModelSpec spec)
    {
        if (o.Task == TrainTask.Segment && data.Target != TargetKind.Mask)
            throw new UserFacingException($"task segment needs a dataset with masks; '{data.Name}' holds {data.Target.ToString().ToLowerInvariant()}");
        if (o.Task == TrainTask.Classify && data.Target != TargetKind.Labels)
            throw new UserFacingException($"task classify needs a dataset with labels; '{data.Name}' holds {data.Target.ToString().ToLowerInvariant()}");
        if (o.Task != TrainTask.Reconstruct && spec.Classes != data.ClassNames.Count)
            throw new UserFacingException($"model spec has {spec.Classes} outputs but dataset '{data.Name}' has {data.ClassNames.Count} classes");
    }

    private static void PrepareDevice(TrainOptions o)
    {
        if (o.Threads > 0) set_num_threads(o.Threads);
        CxrSeg.Platform.DeviceCheck.Require(o.Device);
    }

    private sealed class NullObserver : ITrainingObserver;
}
