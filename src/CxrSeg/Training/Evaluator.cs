using CxrSeg.Data.Cache;
using CxrSeg.Data.Transforms;
using CxrSeg.Metrics;
using CxrSeg.Models;
using CxrSeg.Stages;
using TorchSharp;
using static TorchSharp.torch;

namespace CxrSeg.Training;

/// <summary>
/// Forward-only evaluation of one model or a mean-probability ensemble on chosen images of a prepared set:
/// mean loss plus pooled IoU/Dice (segment) or AUROC (classify). No augmentation; one dispose scope per batch.
/// </summary>
public static class Evaluator
{
    /// <summary>Evaluates with the default settings for the set's target (segment for masks, classify for labels) and the given threshold. Normalisation must match training: prefer the overload with settings.</summary>
    public static EvaluationResult Evaluate(nn.Module<Tensor, Tensor> model, IPreparedSet data, IReadOnlyList<int> indices, double threshold) =>
        Evaluate(model, data, indices, new EvaluationSettings
        {
            Task = data.Target == TargetKind.Mask ? TrainTask.Segment : TrainTask.Classify, Threshold = threshold,
        });

    /// <summary>Evaluates one model.</summary>
    public static EvaluationResult Evaluate(nn.Module<Tensor, Tensor> model, IPreparedSet data, IReadOnlyList<int> indices, EvaluationSettings settings) =>
        Evaluate([model], data, indices, settings);

    /// <summary>Evaluates the mean of several models' probabilities (k-fold ensemble); the loss is the mean of the models' losses.</summary>
    public static EvaluationResult Evaluate(IReadOnlyList<nn.Module<Tensor, Tensor>> models, IPreparedSet data, IReadOnlyList<int> indices, EvaluationSettings settings)
    {
        var device = new Device(settings.Device);
        var builder = new BatchBuilder(data, settings.Task.Target(), settings.Normalisation, settings.InChannels, null, device);
        var seg = settings.Task == TrainTask.Segment ? new SegmentationAccumulator(data.ClassNames, settings.Threshold, settings.ClassThresholds) : null;
        var auc = settings.Task == TrainTask.Classify ? new AurocAccumulator(data.ClassNames) : null;
        var (lossSum, count) = Run(models, builder, indices, settings, seg, auc);
        return new EvaluationResult(settings.Task, count, count == 0 ? double.NaN : lossSum / count, seg?.Compute(), auc?.Compute(),
            settings.Threshold, settings.ReconstructionLoss == ReconstructionLoss.L1 ? "l1" : "mse") { ClassThresholds = settings.ClassThresholds };
    }

    /// <summary>Adds the models' mean probabilities on the images to a threshold sweep (segmentation; whole images, or windows as the settings say).</summary>
    public static void Sweep(IReadOnlyList<nn.Module<Tensor, Tensor>> models, IPreparedSet data, IReadOnlyList<int> indices, EvaluationSettings settings, ThresholdSweep sweep)
    {
        var builder = new BatchBuilder(data, BatchTarget.Masks, settings.Normalisation, settings.InChannels, null, new Device(settings.Device));
        Run(models, builder, indices, settings, null, null, sweep);
    }

    /// <summary>Runs the models over the images, adding to the accumulators; returns (summed loss × images, images).</summary>
    internal static (double LossSum, int Count) Run(IReadOnlyList<nn.Module<Tensor, Tensor>> models, BatchBuilder builder, IReadOnlyList<int> indices,
        EvaluationSettings settings, SegmentationAccumulator? seg, AurocAccumulator? auc, ThresholdSweep? sweep = null)
    {
        var lossOptions = settings.AsLossOptions();
        double lossSum = 0;
        var count = 0;
        EvaluationPass.Batches(models, builder, indices, settings.BatchSize, (idx, batch) =>
            {
                Tensor? probSum = null;
                double batchLoss = 0;
                foreach (var m in models)
                {
                    Tensor output, p;
                    if (settings.Window > 0 && settings.Task == TrainTask.Segment)
                    {
                        // windows give probabilities; the loss is taken on their logits
                        p = SlidingWindow.Probabilities(x => m.forward(x).sigmoid(), batch.Inputs, settings.Window);
                        var q = p.clamp(1e-6, 1 - 1e-6);
                        output = (q / (1 - q)).log();
                    }
                    else
                    {
                        output = m.forward(batch.Inputs);
                        p = ToProbabilities(output, settings.Task);
                    }
                    batchLoss += Losses.Compute(lossOptions, output, batch).item<float>();
                    probSum = probSum is null ? p : probSum + p;
                }
                var probs = probSum! / models.Count;
                lossSum += batchLoss / models.Count * idx.Length;
                count += idx.Length;
                seg?.Update(probs, batch.Targets, batch.Labelled);
                auc?.Update(probs, batch.Targets, batch.Labelled);
                sweep?.Update(probs, batch.Targets, batch.Labelled);
            });
        return (lossSum, count);
    }

    /// <summary>
    /// Forward pass without gradients in evaluation mode: sigmoid probabilities for segment [B,C,H,W] and
    /// classify [B,C], the reconstruction itself for reconstruct. Inputs must be normalised as in training.
    /// The caller owns the returned tensor.
    /// </summary>
    public static Tensor PredictProbabilities(nn.Module<Tensor, Tensor> model, Tensor images, TrainTask task = TrainTask.Segment)
    {
        var was = model.training;
        model.eval();
        try
        {
            using var noGrad = no_grad();
            using var scope = NewDisposeScope();
            var output = model.forward(images);
            return scope.MoveToOuter(ToProbabilities(output, task).detach());
        }
        finally
        {
            model.train(was);
        }
    }

    private static Tensor ToProbabilities(Tensor output, TrainTask task) =>
        task == TrainTask.Reconstruct ? output.alias() : output.sigmoid();
}
