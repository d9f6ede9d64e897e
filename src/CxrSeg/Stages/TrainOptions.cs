using CxrSeg.Data.Transforms;

namespace CxrSeg.Stages;

/// <summary>
/// Every training option, with its default (written here and nowhere else), and <see cref="Table"/>: how the command
/// line (<c>cxrseg train --grad-clip</c>) and plan/grid files (<c>gradClip</c>) name each one, with its help line.
/// Adding an option is a change in this file: a property, and a row in <see cref="Table"/>. Serialised into run.json;
/// a resumed run must use the same options (only <see cref="Device"/> and <see cref="Threads"/> may differ).
/// </summary>
public sealed record TrainOptions
{
    /// <summary>Task: classify, reconstruct or segment.</summary>
    public TrainTask Task { get; init; } = TrainTask.Segment;

    /// <summary>Protocol: plain train/validation, the paper's rotating partitions, or k-fold.</summary>
    public TrainProtocol Protocol { get; init; } = TrainProtocol.Plain;

    /// <summary>Number of folds for <see cref="TrainProtocol.KFold"/>.</summary>
    public int Folds { get; init; } = 5;

    /// <summary>
    /// Plain protocol only: draw the validation images from the training pool (train ∪ validation split) by patient,
    /// seeded by <see cref="Seed"/>, instead of using the prepared validation split (<c>--val-fraction</c>; CCXS has none).
    /// Null: the prepared split.
    /// </summary>
    public double? ValidationFraction { get; init; }

    /// <summary>K-fold: evaluate the test set with the mean probability of all fold models (otherwise each fold is scored and the best-validation fold's model is used).</summary>
    public bool FoldEnsemble { get; init; } = true;

    /// <summary>Images per training step.</summary>
    public int BatchSize { get; init; } = 8;

    /// <summary>Images per evaluation forward pass (0: same as <see cref="BatchSize"/>).</summary>
    public int EvalBatchSize { get; init; }

    /// <summary>Maximum epochs (early stopping may end sooner).</summary>
    public int MaxEpochs { get; init; } = 100;

    /// <summary>Cap on steps per training pass (0: every image once). For very large pretraining sets and smoke runs.</summary>
    public int MaxStepsPerEpoch { get; init; }

    /// <summary>Optimiser.</summary>
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Adam;

    /// <summary>Initial learning rate.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Weight decay (L2 for Adam, decoupled for AdamW).</summary>
    public double WeightDecay { get; init; }

    /// <summary>Learning-rate schedule.</summary>
    public LrScheduleKind Schedule { get; init; } = LrScheduleKind.None;

    /// <summary>Floor of the cosine schedule and of plateau reductions (<c>--min-lr</c>); a floor above <see cref="LearningRate"/> is lowered to it (<see cref="ScheduleFloor"/>).</summary>
    public double MinLearningRate { get; init; } = 1e-6;

    /// <summary>The floor the schedules use: <see cref="MinLearningRate"/>, but never above the starting rate (so <c>--lr 0</c> stays 0).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public double ScheduleFloor => Math.Min(MinLearningRate, LearningRate);

    /// <summary>Plateau schedule: epochs without improvement before reducing.</summary>
    public int PlateauPatience { get; init; } = 3;

    /// <summary>Plateau schedule: multiplier applied on a plateau.</summary>
    public double PlateauFactor { get; init; } = 0.5;

    /// <summary>Clip the global gradient L2 norm to this value (0: no clipping).</summary>
    public double GradClipNorm { get; init; }

    /// <summary>Segmentation loss.</summary>
    public SegmentationLoss SegmentationLoss { get; init; } = SegmentationLoss.BceDice;

    /// <summary>Reconstruction loss.</summary>
    public ReconstructionLoss ReconstructionLoss { get; init; } = ReconstructionLoss.Mse;

    /// <summary>Monitored metric for early stopping, best checkpoint and plateau schedule: "mIoU", "mDice", "meanAuroc" or "val_loss" (empty: the task's default).</summary>
    public string Monitor { get; init; } = "";

    /// <summary>Whether larger or smaller is better (null: "val_loss" is minimised, others maximised).</summary>
    public MonitorMode? Mode { get; init; }

    /// <summary>Epochs without improvement before stopping (0: never stop early).</summary>
    public int Patience { get; init; } = 10;

    /// <summary>Smallest change counted as an improvement.</summary>
    public double MinDelta { get; init; } = 1e-4;

    /// <summary>Load the best epoch's weights at the end (before the test evaluation).</summary>
    public bool RestoreBest { get; init; } = true;

    /// <summary>Probability threshold for segmentation metrics.</summary>
    public double Threshold { get; init; } = 0.5;

    /// <summary>Train on random square crops of this side from the prepared image (0: whole images). A multiple of 32, at most the prepared size; evaluation always uses whole images.</summary>
    public int Crop { get; init; }

    /// <summary>With <see cref="Crop"/>: the share of crops centred on a pixel of a class present in the image, rarer (smaller) classes preferred; the rest are uniform.</summary>
    public double CropForeground { get; init; } = 0.33;

    /// <summary>Per-class loss weights: empty (all 1), <c>auto</c> (inverse square root of each class's pixel frequency on the training images, mean 1) or one number per class, comma-separated.</summary>
    public string ClassWeights { get; init; } = "";

    /// <summary>Focal modulation of the BCE term: each pixel's BCE × (1 − p_t)^gamma (0: plain BCE).</summary>
    public double FocalGamma { get; init; }

    /// <summary>Tversky term (<c>--loss bce+tversky</c>): weight of false positives.</summary>
    public double TverskyAlpha { get; init; } = 0.3;

    /// <summary>Tversky term: weight of false negatives.</summary>
    public double TverskyBeta { get; init; } = 0.7;

    /// <summary>Weight of the soft clDice term (skeleton overlap, for tubular classes) added to the loss (0: off).</summary>
    public double SkeletonWeight { get; init; }

    /// <summary>The classes the skeleton term applies to: names or 0-based indices, comma-separated, or <c>devices</c> (the CCXS tube, line and probe classes); empty: every class.</summary>
    public string SkeletonClasses { get; init; } = "";

    /// <summary>Epochs of linear learning-rate warm-up before the schedule (0: none).</summary>
    public int WarmupEpochs { get; init; }

    /// <summary>Batches whose gradients are summed before one optimiser step (effective batch = batch size × this).</summary>
    public int AccumulateSteps { get; init; } = 1;

    /// <summary>After training, choose each class's threshold on the validation images (grid 0.1..0.9, best IoU), store it in the run and use it for the test metrics and predict.</summary>
    public bool TuneThresholds { get; init; }

    /// <summary>Evaluate validation and test images by sliding windows of this side (overlap 0.5, Gaussian weighting); 0: one pass over the whole image.</summary>
    public int Window { get; init; }

    /// <summary>Image oversampling of rare classes (<see cref="Training.RepeatFactorSampler"/>): an image is repeated in each epoch by max(1, √(t / f)) for the rarest class it holds, f the share of training images holding that class; 0: every image once.</summary>
    public double RepeatThreshold { get; init; }

    /// <summary>On-the-fly augmentation.</summary>
    public AugmentOptions Augment { get; init; } = new();

    /// <summary>Intensity normalisation.</summary>
    public Normalisation Normalisation { get; init; } = new();

    /// <summary>
    /// When the resumable checkpoint is written. The rotating protocol writes one after each of its runs by default
    /// (weights + Adam moments, 172 MB for UNet-resnet18); <see cref="CheckpointEvery.Epoch"/> writes it once per epoch.
    /// </summary>
    public CheckpointEvery CheckpointEvery { get; init; } = CheckpointEvery.Run;

    /// <summary>Seed of every random choice (order, partitions, augmentation, dropout).</summary>
    public int Seed { get; init; } = 42;

    /// <summary>"cpu" or "cuda" (or "cuda:N").</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>Torch intra-op threads (0: leave torch's default).</summary>
    public int Threads { get; init; }

    /// <summary>The monitored metric after applying the task default.</summary>
    public string EffectiveMonitor => Monitor.Length > 0 ? Monitor : Task switch
    {
        TrainTask.Segment => "mIoU",
        TrainTask.Classify => "meanAuroc",
        _ => "val_loss",
    };

    /// <summary>The monitor mode after applying the default.</summary>
    public MonitorMode EffectiveMode => Mode ?? (EffectiveMonitor == "val_loss" ? MonitorMode.Min : MonitorMode.Max);

    /// <summary>Evaluation batch size after applying the default.</summary>
    public int EffectiveEvalBatchSize => EvalBatchSize > 0 ? EvalBatchSize : BatchSize;

    /// <summary>Throws a <see cref="UserFacingException"/> naming the first bad field.</summary>
    public TrainOptions Validate()
    {
        if (BatchSize < 1) throw new UserFacingException($"batch size must be ≥ 1 (got {BatchSize})");
        if (EvalBatchSize < 0) throw new UserFacingException($"evaluation batch size must be ≥ 0 (got {EvalBatchSize})");
        if (MaxEpochs < 1) throw new UserFacingException($"max epochs must be ≥ 1 (got {MaxEpochs})");
        if (MaxStepsPerEpoch < 0) throw new UserFacingException($"max steps per epoch must be ≥ 0 (got {MaxStepsPerEpoch})");
        if (ValidationFraction is { } vf && !(vf > 0 && vf < 1)) throw new UserFacingException($"validation fraction must be in (0, 1) (got {vf})");
        if (ValidationFraction is not null && Protocol != TrainProtocol.Plain)
            throw new UserFacingException($"validation fraction applies to the plain protocol only (got protocol {Protocol.ToString().ToLowerInvariant()})");
        if (Protocol == TrainProtocol.KFold && Folds < 2) throw new UserFacingException($"folds must be ≥ 2 for k-fold (got {Folds})");
        if (!(LearningRate >= 0 && LearningRate < 10)) throw new UserFacingException($"learning rate must be in [0, 10) (got {LearningRate}; 0 trains nothing, e.g. a frozen-network check)");
        if (!(WeightDecay >= 0)) throw new UserFacingException($"weight decay must be ≥ 0 (got {WeightDecay})");
        if (!(MinLearningRate >= 0 && MinLearningRate < 10)) throw new UserFacingException($"min learning rate must be in [0, 10) (got {MinLearningRate})");
        if (PlateauPatience < 1) throw new UserFacingException($"plateau patience must be ≥ 1 (got {PlateauPatience})");
        if (!(PlateauFactor > 0 && PlateauFactor < 1)) throw new UserFacingException($"plateau factor must be in (0, 1) (got {PlateauFactor})");
        if (!(GradClipNorm >= 0)) throw new UserFacingException($"gradient clip norm must be ≥ 0 (got {GradClipNorm})");
        if (Patience < 0) throw new UserFacingException($"patience must be ≥ 0 (got {Patience})");
        if (!(MinDelta >= 0)) throw new UserFacingException($"min delta must be ≥ 0 (got {MinDelta})");
        if (!(Threshold > 0 && Threshold < 1)) throw new UserFacingException($"threshold must be in (0, 1) (got {Threshold})");
        if (Threads < 0) throw new UserFacingException($"threads must be ≥ 0 (got {Threads})");
        if (Crop < 0 || Crop % 32 != 0) throw new UserFacingException($"crop must be 0 or a positive multiple of 32 (got {Crop})");
        if (!(CropForeground >= 0 && CropForeground <= 1)) throw new UserFacingException($"crop foreground share must be in 0..1 (got {CropForeground})");
        if (!(FocalGamma >= 0 && FocalGamma <= 10)) throw new UserFacingException($"focal gamma must be in 0..10 (got {FocalGamma})");
        if (!(TverskyAlpha >= 0 && TverskyBeta >= 0 && TverskyAlpha + TverskyBeta > 0))
            throw new UserFacingException($"tversky alpha and beta must be ≥ 0 and not both 0 (got {TverskyAlpha}, {TverskyBeta})");
        if (!(SkeletonWeight >= 0)) throw new UserFacingException($"skeleton weight must be ≥ 0 (got {SkeletonWeight})");
        if (WarmupEpochs < 0 || WarmupEpochs >= MaxEpochs) throw new UserFacingException($"warm-up epochs must be ≥ 0 and below max epochs {MaxEpochs} (got {WarmupEpochs})");
        if (AccumulateSteps < 1) throw new UserFacingException($"accumulate steps must be ≥ 1 (got {AccumulateSteps})");
        if (Window < 0 || Window % 32 != 0) throw new UserFacingException($"window must be 0 or a positive multiple of 32 (got {Window})");
        if (!(RepeatThreshold >= 0 && RepeatThreshold <= 1)) throw new UserFacingException($"repeat threshold must be in 0..1 (got {RepeatThreshold})");
        if (RepeatThreshold > 0 && Task == TrainTask.Reconstruct) throw new UserFacingException("repeat threshold needs classes: it applies to tasks segment and classify");
        ClassWeightSpec.Parse(ClassWeights);
        if (TuneThresholds && Protocol == TrainProtocol.Rotating)
            throw new UserFacingException("tune thresholds needs validation images the model did not train on: use --protocol plain (with --val-fraction on CCXS) or kfold");
        if (Task != TrainTask.Segment && (Crop > 0 || ClassWeights.Length > 0 || FocalGamma > 0 || SkeletonWeight > 0 || TuneThresholds || Window > 0 || SegmentationLoss == SegmentationLoss.BceTversky))
            throw new UserFacingException($"crop, class weights, focal gamma, tversky, skeleton weight, tune thresholds and window apply to task segment only (got task {Task.Name()})");
        var valid = Task switch
        {
            TrainTask.Segment => new[] { "mIoU", "mDice", "val_loss" },
            TrainTask.Classify => new[] { "meanAuroc", "val_loss" },
            _ => new[] { "val_loss" },
        };
        if (!valid.Contains(EffectiveMonitor))
            throw new UserFacingException($"monitor '{EffectiveMonitor}' is not available for task {Task.Name()} (valid: {string.Join(", ", valid)})");
        if (!(Device == "cpu" || Device == "cuda" || Device.StartsWith("cuda:", StringComparison.Ordinal)))
            throw new UserFacingException($"device must be cpu, cuda or cuda:N (got '{Device}')");
        Augment.Validate();
        Normalisation.Validate();
        return this;
    }

    /// <summary>
    /// The options as the command line and plan/grid files name them, in <c>train --help</c> order. A plan key applies
    /// its value as text; a command-line value is parsed to <see cref="StageOption.CliType"/> first. The stage's task
    /// and seed and the run's device come from the plan itself, not from its options.
    /// </summary>
    public static IReadOnlyList<StageOption> Table { get; } =
    [
        StageOption.Choice<TrainTask>("task", "--task", "TASK", "classify | reconstruct | segment", o => o.Task, (o, v) => o with { Task = v }) with { InPlans = false },
        StageOption.Choice<TrainProtocol>("protocol", "--protocol", "P", "plain | rotating | kfold", o => o.Protocol, (o, v) => o with { Protocol = v })
            with { Apply = (o, v, label) => o with { Protocol = TrainProtocols.Parse(v, label) } },
        StageOption.Int("folds", "--folds", "Folds for --protocol kfold", o => o.Folds, (o, v) => o with { Folds = v }),
        StageOption.YesNo("foldEnsemble", "--no-ensemble", "K-fold: test with the best fold's model instead of the mean of all folds", "ensemble", (o, v) => o with { FoldEnsemble = v }),
        StageOption.Int("maxEpochs", "--epochs", "Maximum epochs", o => o.MaxEpochs, (o, v) => o with { MaxEpochs = v }) with { Aliases = ["epochs"] },
        StageOption.Int("maxStepsPerEpoch", "--max-steps-per-epoch", "Cap on steps per training pass, 0 = all images", o => o.MaxStepsPerEpoch, (o, v) => o with { MaxStepsPerEpoch = v }),
        StageOption.Int("batchSize", "--batch-size", "Images per step", o => o.BatchSize, (o, v) => o with { BatchSize = v }),
        StageOption.Int("evalBatchSize", null, "Images per evaluation forward pass, 0 = the batch size", o => o.EvalBatchSize, (o, v) => o with { EvalBatchSize = v }),
        StageOption.Choice<OptimizerKind>("optimizer", "--optimizer", "O", "adam | adamw", o => o.Optimizer, (o, v) => o with { Optimizer = v }),
        StageOption.Number("learningRate", "--lr", "Learning rate, ≥ 0 (0: nothing trains, e.g. a frozen-network check)", o => o.LearningRate, (o, v) => o with { LearningRate = v }) with { Aliases = ["lr"] },
        StageOption.OptionalNumber("validationFraction", "--val-fraction", "With --protocol plain: draw this fraction of the training pool as validation, by patient, seeded by --seed, instead of the prepared validation split (CCXS has none)",
            "the prepared split", (o, v) => o with { ValidationFraction = v }),
        StageOption.Number("minLearningRate", "--min-lr", "Floor of the cosine and plateau schedules, lowered to --lr when above it", o => o.MinLearningRate, (o, v) => o with { MinLearningRate = v }),
        StageOption.Number("weightDecay", "--weight-decay", "Weight decay", o => o.WeightDecay, (o, v) => o with { WeightDecay = v }),
        StageOption.Choice<LrScheduleKind>("schedule", "--schedule", "S", "none | cosine | plateau | poly", o => o.Schedule, (o, v) => o with { Schedule = v }),
        StageOption.Number("gradClip", "--grad-clip", "Clip the gradient L2 norm, 0 = off", o => o.GradClipNorm, (o, v) => o with { GradClipNorm = v }),
        StageOption.Word("loss", "--loss", "L", "Segment: bce+dice | bce | bce+tversky; reconstruct: mse | l1", _ => "", (o, _) => o)
            with { DefaultNote = "bce+dice / mse", Apply = (o, v, label) => o.Task == TrainTask.Reconstruct
                ? o with { ReconstructionLoss = StageOption.ParseChoice<ReconstructionLoss>(v, label) }
                : o with { SegmentationLoss = StageOption.ParseChoice<SegmentationLoss>(v, label) } },
        StageOption.Int("crop", "--crop", "Train on random crops of this side (multiple of 32) from the larger prepared image; evaluation uses whole images; 0 = off", o => o.Crop, (o, v) => o with { Crop = v }),
        StageOption.Number("cropForeground", "--crop-foreground", "With --crop: share of crops centred on a pixel of a class present in the image, rarer classes preferred", o => o.CropForeground, (o, v) => o with { CropForeground = v }),
        StageOption.Word("classWeights", "--class-weights", "W", "Per-class loss weights: auto (inverse sqrt of training pixel frequency, mean 1) or w1,w2,… per class; empty = all 1", o => o.ClassWeights, (o, v) => o with { ClassWeights = v })
            with { DefaultNote = "all 1" },
        StageOption.Number("focalGamma", "--focal-gamma", "Focal BCE: weigh each pixel by (1 − p_t)^gamma, 0 = plain BCE", o => o.FocalGamma, (o, v) => o with { FocalGamma = v }),
        StageOption.Number("tverskyAlpha", "--tversky-alpha", "With --loss bce+tversky: weight of false positives", o => o.TverskyAlpha, (o, v) => o with { TverskyAlpha = v }),
        StageOption.Number("tverskyBeta", "--tversky-beta", "With --loss bce+tversky: weight of false negatives", o => o.TverskyBeta, (o, v) => o with { TverskyBeta = v }),
        StageOption.Number("skeletonWeight", "--skeleton-weight", "Weight of the soft clDice (skeleton) term for tubular classes, 0 = off", o => o.SkeletonWeight, (o, v) => o with { SkeletonWeight = v }),
        StageOption.Word("skeletonClasses", "--skeleton-classes", "C", "Classes of the skeleton term: names or indices, comma-separated, or devices (CCXS tubes, lines, probes); empty = all", o => o.SkeletonClasses, (o, v) => o with { SkeletonClasses = v })
            with { DefaultNote = "all classes" },
        StageOption.Int("warmupEpochs", "--warmup", "Epochs of linear learning-rate warm-up before the schedule, 0 = none", o => o.WarmupEpochs, (o, v) => o with { WarmupEpochs = v }) with { Aliases = ["warmup"] },
        StageOption.Int("accumulateSteps", "--accumulate", "Batches per optimiser step (gradient accumulation)", o => o.AccumulateSteps, (o, v) => o with { AccumulateSteps = v }) with { Aliases = ["accumulate"] },
        StageOption.Switch("tuneThresholds", "--tune-thresholds", "After training, choose each class's threshold on the validation images (best IoU on 0.1..0.9); used by the test metrics and predict", (o, v) => o with { TuneThresholds = v }),
        StageOption.Number("repeatThreshold", "--repeat-threshold", "Oversample images of rare classes: repeat an image max(1, √(t/f)) times per epoch, f the share of training images holding its rarest class; 0 = off", o => o.RepeatThreshold, (o, v) => o with { RepeatThreshold = v }),
        StageOption.Int("window", "--window", "Evaluate validation/test images by sliding windows of this side (overlap 0.5, Gaussian weights), 0 = whole image", o => o.Window, (o, v) => o with { Window = v }),
        StageOption.Word("monitor", "--monitor", "M", "mIoU | mDice | meanAuroc | val_loss", o => o.Monitor, (o, v) => o with { Monitor = v })
            with { DefaultNote = "mIoU, meanAuroc or val_loss by task" },
        StageOption.Int("patience", "--patience", "Early-stopping patience in epochs, 0 = off", o => o.Patience, (o, v) => o with { Patience = v }) with { Aliases = ["earlyStoppingPatience"] },
        StageOption.Number("minDelta", "--min-delta", "Smallest improvement that counts", o => o.MinDelta, (o, v) => o with { MinDelta = v }),
        StageOption.YesNo("restoreBest", "--no-restore-best", "Keep the last weights instead of the best epoch's", "restore best", (o, v) => o with { RestoreBest = v }),
        StageOption.Number("threshold", "--threshold", "Probability threshold for IoU/Dice", o => o.Threshold, (o, v) => o with { Threshold = v }),
        StageOption.YesNo("augment", "--no-augment", "Disable flip / rotation / blur augmentation", "on", (o, v) => o with { Augment = o.Augment with { Enabled = v } }),
        StageOption.Number("normMean", "--norm-mean", "Normalisation mean on the 0..1 scale", o => o.Normalisation.Mean, (o, v) => o with { Normalisation = o.Normalisation with { Mean = v } }),
        StageOption.Number("normStd", "--norm-std", "Normalisation std on the 0..1 scale", o => o.Normalisation.Std, (o, v) => o with { Normalisation = o.Normalisation with { Std = v } }),
        StageOption.Choice<CheckpointEvery>("checkpointEvery", "--checkpoint-every", "WHEN", "run | epoch: write the resumable checkpoint after every rotating run, or once per epoch (a stop mid-epoch then repeats the epoch)",
            o => o.CheckpointEvery, (o, v) => o with { CheckpointEvery = v }) with { AffectsResult = false },
        StageOption.Int("seed", "--seed", "Seed of every random choice", o => o.Seed, (o, v) => o with { Seed = v }) with { InPlans = false },
        StageOption.Word("device", "--device", "D", "cpu | cuda", o => o.Device, (o, v) => o with { Device = v }) with { InPlans = false },
        StageOption.Int("threads", "--threads", "Torch threads, 0 = torch's default", o => o.Threads, (o, v) => o with { Threads = v }),
    ];

    /// <summary>The option a plan key names (case-insensitive, aliases included), or null.</summary>
    public static StageOption? PlanOption(string key) => Table.FirstOrDefault(r => r.Matches(key));
}
