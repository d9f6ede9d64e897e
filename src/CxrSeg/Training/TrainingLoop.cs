using System.Diagnostics;
using CxrSeg.Data.Cache;
using CxrSeg.Data.Transforms;
using CxrSeg.Metrics;
using CxrSeg.Models;
using CxrSeg.Runs;
using CxrSeg.Stages;
using TorchSharp.Modules;
using TorchSharp;
using static TorchSharp.torch;

namespace CxrSeg.Training;

/// <summary>
/// Trains one network in one folder: epochs of one or more runs (units), each a training pass then a
/// validation pass; checkpoint_last after every run, checkpoint_best on improvement, history.csv and
/// TensorBoard scalars after every epoch. Every random choice is derived from (seed, fold, epoch, run, position),
/// so a resumed loop continues exactly as an uninterrupted one.
/// </summary>
internal sealed class TrainingLoop
{
    private readonly TrainOptions _o;
    private readonly IPreparedSet _data;
    private readonly ModelSpec _spec;
    private readonly nn.Module<Tensor, Tensor> _model;
    private readonly string _dir;
    private readonly ITrainingObserver _observer;
    private readonly CancellationToken _ct;
    private readonly int _fold, _folds;
    private readonly IReadOnlyList<int> _train, _val;
    private readonly IReadOnlyList<IReadOnlyList<int>>? _partitions;
    private readonly Device _device;
    private readonly BatchBuilder _trainBuilder, _evalBuilder;
    private readonly SegmentationObjective? _objective;
    private readonly RepeatFactorSampler? _repeats;

    public TrainingLoop(TrainOptions o, IPreparedSet data, ModelSpec spec, nn.Module<Tensor, Tensor> model, string dir,
        ITrainingObserver observer, CancellationToken ct, int fold, int folds,
        IReadOnlyList<int> train, IReadOnlyList<int> val, IReadOnlyList<IReadOnlyList<int>>? partitions)
    {
        (_o, _data, _spec, _model, _dir, _observer, _ct) = (o, data, spec, model, dir, observer, ct);
        (_fold, _folds, _train, _val, _partitions) = (fold, folds, train, val, partitions);
        _device = new Device(o.Device);
        _trainBuilder = new BatchBuilder(data, o.Task.Target(), o.Normalisation, spec.InChannels, o.Augment, _device,
            o.Crop > 0 ? new CropSampler(o.Crop, o.CropForeground) : null);
        if (o.Task == TrainTask.Segment)
            _objective = SegmentationObjective.For(o, data, partitions?.SelectMany(p => p).ToArray() ?? train);
        _evalBuilder = new BatchBuilder(data, o.Task.Target(), o.Normalisation, spec.InChannels, null, _device);
        if (o.RepeatThreshold > 0) _repeats = new RepeatFactorSampler(data, o.RepeatThreshold);
    }

    public bool Resumed { get; private set; }

    private int Units => _partitions?.Count ?? 1;

    public TrainingState Run()
    {
        Directory.CreateDirectory(_dir);
        _model.to(_device);
        _model.train();
        if (_repeats is not null)
        {
            var factors = _repeats.Factors(_train);
            _observer.OnMessage(FormattableString.Invariant(
                $"{Label()}repeat factors (threshold {_o.RepeatThreshold}): {factors.Count(f => f > 1)} of {factors.Length} training images oversampled, {factors.Sum():0.#} image draws per epoch"));
        }
        using var optimizer = CreateOptimizer();
        var state = new TrainingState { Fold = _fold, LearningRate = _o.LearningRate };
        if (CheckpointStore.Exists(_dir, CheckpointStore.Last))
        {
            MaterialiseOptimizerState(optimizer);
            state = CheckpointStore.Load(_dir, CheckpointStore.Last, _model, optimizer);
            Resumed = true;
            _observer.OnMessage(state.Finished
                ? $"{Label()}already finished ({state.Epoch} epochs); skipping training"
                : $"{Label()}resuming from {Path.Combine(_dir, CheckpointStore.Last)} (epoch {state.Epoch + 1}, run {state.Unit + 1}/{Units}, step {state.Step})");
        }
        if (_objective?.Weights is { } weights && !state.Finished)
            _observer.OnMessage($"{Label()}class weights: {string.Join(", ", _data.ClassNames.Select((n, k) => FormattableString.Invariant($"{n} {weights[k]:0.##}")))}");
        var tb = state.Finished ? null : new TensorBoardLog(Path.Combine(_dir, "tensorboard"));
        while (!state.Finished)
        {
            var epoch = state.Epoch;
            if (state.Unit == 0) state.LearningRate = EpochLearningRate(state);
            SetLearningRate(optimizer, state.LearningRate);
            var partitions = _partitions is null ? null : EpochPartitions(epoch);
            var seg = _o.Task == TrainTask.Segment ? new SegmentationAccumulator(_data.ClassNames, _o.Threshold) : null;
            var auc = _o.Task == TrainTask.Classify ? new AurocAccumulator(_data.ClassNames) : null;
            if (state.SegmentationSums is not null) seg?.ImportState(state.SegmentationSums);
            if (state.AurocScores is not null) auc?.ImportState(state.AurocScores, state.AurocLabels!, state.AurocImages);
            for (var unit = state.Unit; unit < Units; unit++)
            {
                var watch = Stopwatch.StartNew();
                var (train, val) = partitions is null
                    ? (_train, _val)
                    : (partitions.Where((_, i) => i != unit).SelectMany(p => p).ToArray(), partitions[unit]);
                TrainUnit(optimizer, state, epoch, unit, train);
                var (lossSum, count) = Evaluator.Run([_model], _evalBuilder, val, EvaluationSettings.From(_o, _spec.InChannels), seg, auc);
                state.ValLossSum += lossSum;
                state.ValLossCount += count;
                state.Unit = unit + 1;
                state.EpochSeconds += watch.Elapsed.TotalSeconds;
                state.SegmentationSums = seg?.ExportState();
                if (auc is not null) (state.AurocScores, state.AurocLabels, state.AurocImages) = auc.ExportState();
                if (unit + 1 < Units && _o.CheckpointEvery == CheckpointEvery.Run) CheckpointStore.Save(_dir, CheckpointStore.Last, _model, optimizer, state, _spec);
            }
            EndEpoch(optimizer, state, seg, auc, tb);
        }
        if (_o.RestoreBest && CheckpointStore.Exists(_dir, CheckpointStore.Best))
        {
            CheckpointStore.LoadWeights(Path.Combine(_dir, CheckpointStore.Best), _model);
            _observer.OnMessage($"{Label()}restored the best weights (epoch {state.BestEpoch}, {_o.EffectiveMonitor} {Fmt(state.Best)})");
        }
        return state;
    }

    private void TrainUnit(OptimizerHelper optimizer, TrainingState state, int epoch, int unit, IReadOnlyList<int> train)
    {
        var rng = new Random(SeedMix.Derive(_o.Seed, _fold, epoch, unit, 1));
        int[] order;
        if (_repeats is null)
        {
            order = train.ToArray();
            rng.Shuffle(order);
        }
        else order = _repeats.EpochOrder(train, rng);
        var steps = (order.Length + _o.BatchSize - 1) / _o.BatchSize;
        if (_o.MaxStepsPerEpoch > 0) steps = Math.Min(steps, _o.MaxStepsPerEpoch);
        for (var s = 0; s < steps; s++)
        {
            _ct.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            var idx = order.Skip(s * _o.BatchSize).Take(_o.BatchSize).ToArray();
            var seeds = idx.Select((_, j) => SeedMix.Derive(_o.Seed, _fold, epoch, unit, 2, s * _o.BatchSize + j)).ToArray();
            var batch = _trainBuilder.Build(idx, seeds);
            var step = state.Step + 1;
            manual_seed(SeedMix.Derive(_o.Seed, _fold, step, 3));
            var accumulated = s % _o.AccumulateSteps;
            if (accumulated == 0) optimizer.zero_grad();
            var output = _model.forward(batch.Inputs);
            var loss = _objective?.Compute(output, batch) ?? Losses.Compute(_o, output, batch);
            var value = loss.item<float>();
            if (!float.IsFinite(value))
                throw new TrainingDivergedException(step, epoch + 1, unit + 1, value, "loss", CheckpointNote());
            // Accumulation: each batch adds its share of the mean over the group (the last group of a pass may be shorter).
            var group = Math.Min(_o.AccumulateSteps, steps - (s - accumulated));
            (group > 1 ? loss / group : loss).backward();
            if (accumulated == group - 1)
            {
                var norm = nn.utils.clip_grad_norm_(_model.parameters(), _o.GradClipNorm > 0 ? _o.GradClipNorm : double.PositiveInfinity);
                if (!double.IsFinite(norm))
                    throw new TrainingDivergedException(step, epoch + 1, unit + 1, norm, "gradient norm", CheckpointNote());
                optimizer.step();
            }
            state.Step = step;
            state.TrainLossSum += value * idx.Length;
            state.TrainLossCount += idx.Length;
            _observer.OnStep(new TrainingProgress(_fold, _folds, epoch + 1, _o.MaxEpochs, unit + 1, Units, s + 1, steps, step, value, state.Best));
        }
    }

    private void EndEpoch(OptimizerHelper optimizer, TrainingState state, SegmentationAccumulator? seg, AurocAccumulator? auc, TensorBoardLog? tb)
    {
        var segScores = seg?.Compute();
        var aucScores = auc?.Compute();
        var record = new EpochRecord
        {
            Fold = _fold, Epoch = state.Epoch + 1,
            TrainLoss = state.TrainLossCount == 0 ? double.NaN : state.TrainLossSum / state.TrainLossCount,
            ValLoss = state.ValLossCount == 0 ? double.NaN : state.ValLossSum / state.ValLossCount,
            ValMIoU = segScores?.MeanIou, ValMDice = segScores?.MeanDice, ValMeanAuroc = aucScores?.MeanAuroc,
            LearningRate = state.LearningRate, Steps = state.Step, Seconds = Math.Round(state.EpochSeconds, 3),
        };
        var monitor = _o.EffectiveMonitor;
        var value = record.Value(monitor);
        var improved = value.HasValue && !double.IsNaN(value.Value) && (state.Best is null ||
            (_o.EffectiveMode == MonitorMode.Max ? value > state.Best + _o.MinDelta : value < state.Best - _o.MinDelta));
        record = record with { Improved = improved };
        state.History.Add(record);
        state.Epoch++;
        state.Unit = 0;
        if (improved)
        {
            state.Best = value;
            state.BestEpoch = state.Epoch;
            state.BadEpochs = 0;
            state.PlateauBadEpochs = 0;
        }
        else
        {
            state.BadEpochs++;
            state.PlateauBadEpochs++;
        }
        if (state.Epoch <= _o.WarmupEpochs) state.PlateauBadEpochs = 0;
        if (_o.Schedule == LrScheduleKind.Plateau && state.PlateauBadEpochs >= _o.PlateauPatience)
        {
            state.LearningRate = Math.Max(_o.ScheduleFloor, state.LearningRate * _o.PlateauFactor);
            state.PlateauBadEpochs = 0;
        }
        if (_o.Patience > 0 && state.BadEpochs >= _o.Patience)
        {
            state.Finished = true;
            state.StoppedEarly = true;
            _observer.OnMessage($"{Label()}early stop after epoch {state.Epoch}: {monitor} did not improve by {_o.MinDelta} for {_o.Patience} epochs (best {Fmt(state.Best)} at epoch {state.BestEpoch})");
        }
        if (state.Epoch >= _o.MaxEpochs) state.Finished = true;
        state.TrainLossSum = state.ValLossSum = state.EpochSeconds = 0;
        state.TrainLossCount = state.ValLossCount = 0;
        state.SegmentationSums = null;
        state.AurocScores = state.AurocLabels = null;
        state.AurocImages = 0;
        if (improved) CheckpointStore.Save(_dir, CheckpointStore.Best, _model, null, state, _spec);
        CheckpointStore.Save(_dir, CheckpointStore.Last, _model, optimizer, state, _spec);
        HistoryCsv.Write(Path.Combine(_dir, "history.csv"), state.History);
        if (tb is not null)
        {
            tb.Scalar("loss/train", record.TrainLoss, record.Epoch);
            tb.Scalar("loss/val", record.ValLoss, record.Epoch);
            if (record.ValMIoU is { } miou) tb.Scalar("val/mIoU", miou, record.Epoch);
            if (record.ValMDice is { } mdice) tb.Scalar("val/mDice", mdice, record.Epoch);
            if (record.ValMeanAuroc is { } mauc) tb.Scalar("val/meanAuroc", mauc, record.Epoch);
            tb.Scalar("lr", record.LearningRate, record.Epoch);
            if (segScores is not null)
                foreach (var c in segScores.Classes.Where(c => c.Iou.HasValue)) tb.Scalar("val_iou/" + c.Name, c.Iou!.Value, record.Epoch);
        }
        _observer.OnEpochEnd(record, monitor, state.Best);
    }

    private double EpochLearningRate(TrainingState state) => LearningRateSchedule.At(_o, state.Epoch, state.LearningRate);

    private IReadOnlyList<IReadOnlyList<int>> EpochPartitions(int epoch)
    {
        if (epoch == 0) return _partitions!;
        var pool = _partitions!.SelectMany(p => p).ToArray();
        new Random(SeedMix.Derive(_o.Seed, _fold, epoch, 0, 4)).Shuffle(pool);
        var result = new List<IReadOnlyList<int>>();
        var at = 0;
        foreach (var p in _partitions!)
        {
            result.Add(pool.Skip(at).Take(p.Count).ToArray());
            at += p.Count;
        }
        return result;
    }

    private OptimizerHelper CreateOptimizer() => _o.Optimizer == OptimizerKind.AdamW
        ? optim.AdamW(_model.parameters(), _o.LearningRate, weight_decay: _o.WeightDecay)
        : optim.Adam(_model.parameters(), _o.LearningRate, weight_decay: _o.WeightDecay);

    /// <summary>
    /// TorchSharp's Adam creates its per-parameter state at the first step, and loading a state dict into an
    /// optimizer without state loads nothing. One step with zero gradients creates it (the weights it may touch
    /// are overwritten by the checkpoint's right after).
    /// </summary>
    private void MaterialiseOptimizerState(OptimizerHelper optimizer)
    {
        using var scope = NewDisposeScope();
        foreach (var p in _model.parameters())
            if (p.requires_grad) p.grad = zeros_like(p);
        optimizer.step();
        optimizer.zero_grad();
    }

    private static void SetLearningRate(OptimizerHelper optimizer, double lr)
    {
        foreach (var g in optimizer.ParamGroups) g.LearningRate = lr;
    }

    private string CheckpointNote()
    {
        if (!CheckpointStore.Exists(_dir, CheckpointStore.Last)) return "No checkpoint was written yet.";
        var s = CheckpointStore.ReadState(Path.Combine(_dir, CheckpointStore.Last));
        return $"The last good checkpoint ({Path.Combine(_dir, CheckpointStore.Last)}, epoch {s.Epoch}, step {s.Step}) is kept; rerun the same command to resume from it, or start a new output folder with a lower learning rate or gradient clipping.";
    }

    private string Label() => _folds > 0 ? $"fold {_fold}/{_folds}: " : "";

    private static string Fmt(double? v) => v.HasValue ? v.Value.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture) : "n/a";
}
