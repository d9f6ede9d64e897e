using System.ComponentModel;
using System.Globalization;
using CxrSeg.Platform;
using CxrSeg.Training;
using Spectre.Console;
using Spectre.Console.Cli;

namespace CxrSeg.Cli.Commands;

/// <summary><c>cxrseg train</c>: trains one stage into a run folder (resumes when the folder holds a checkpoint).</summary>
public sealed class TrainCommand : Command<TrainCommand.Settings>
{
    /// <summary>Options of <c>train</c>.</summary>
    public sealed class Settings : CliSettings
    {
        /// <summary>Task.</summary>
        [CommandOption("--task <TASK>"), Description("classify | reconstruct | segment (default: segment)."), DefaultValue("segment")]
        public string Task { get; init; } = "segment";
        /// <summary>Prepared dataset folder.</summary>
        [CommandOption("--dataset <DIR>"), Description("Prepared cache folder (from cxrseg prepare), or a folder of caches such as WORKSPACE/prepared/ccxs (its latest is used); several separated by ':' train as one set (classes united, each image labelled for its own set's classes). Required.")]
        public string Dataset { get; init; } = "";
        /// <summary>Encoder.</summary>
        [CommandOption("--encoder <NAME>"), Description("Encoder: vgg16, vgg16_bn, resnet50, resnext50_32x4d, resnet18, resnet18-cntk (default: resnet50)."), DefaultValue("resnet50")]
        public string Encoder { get; init; } = "resnet50";
        /// <summary>Decoder.</summary>
        [CommandOption("--decoder <NAME>"), Description("Decoder for segment: unet | deeplabv3 (default: unet)."), DefaultValue("unet")]
        public string Decoder { get; init; } = "unet";
        /// <summary>Initialisation.</summary>
        [CommandOption("--init <SRC>"), Description("random | imagenet | a previous RUN_DIR | a weights FILE.pth/.safetensors (smp or torchvision layout, detected) (default: random). imagenet needs no file with --encoder resnet18-cntk (bundled weights)."), DefaultValue("random")]
        public string Init { get; init; } = "random";
        /// <summary>Transfer.</summary>
        [CommandOption("--transfer <PARTS>"), Description("With --init RUN_DIR: encoder | encoder+decoder; with --init FILE also all (decoder and head where shapes fit) (default: encoder)."), DefaultValue("encoder")]
        public string Transfer { get; init; } = "encoder";
        /// <summary>ImageNet weights.</summary>
        [CommandOption("--imagenet-weights <PATH>"), Description("With --init imagenet: torchvision's .pth file, or a folder holding it (see `cxrseg weights`); not needed for resnet18-cntk. Nothing is downloaded (default: none).")]
        public string? ImageNetWeights { get; init; }
        /// <summary>Output run folder.</summary>
        [CommandOption("--out <DIR>"), Description("Run folder; rerunning the same command resumes it. Required.")]
        public string Out { get; init; } = "";
        /// <summary>Protocol.</summary>
        [CommandOption("--protocol <P>"), Description("plain | rotating | kfold (default: plain)."), DefaultValue("plain")]
        public string Protocol { get; init; } = "plain";
        /// <summary>Folds.</summary>
        [CommandOption("--folds <N>"), Description("Folds for --protocol kfold (default: 5)."), DefaultValue(5)]
        public int Folds { get; init; } = 5;
        /// <summary>No ensemble.</summary>
        [CommandOption("--no-ensemble"), Description("K-fold: test with the best fold's model instead of the mean of all folds (default: ensemble).")]
        public bool NoEnsemble { get; init; }
        /// <summary>Epochs.</summary>
        [CommandOption("--epochs <N>"), Description("Maximum epochs (default: 100)."), DefaultValue(100)]
        public int Epochs { get; init; } = 100;
        /// <summary>Steps cap.</summary>
        [CommandOption("--max-steps-per-epoch <N>"), Description("Cap on steps per training pass, 0 = all images (default: 0)."), DefaultValue(0)]
        public int MaxSteps { get; init; }
        /// <summary>Batch size.</summary>
        [CommandOption("--batch-size <N>"), Description("Images per step (default: 8)."), DefaultValue(8)]
        public int BatchSize { get; init; } = 8;
        /// <summary>Optimizer.</summary>
        [CommandOption("--optimizer <O>"), Description("adam | adamw (default: adam)."), DefaultValue("adam")]
        public string Optimizer { get; init; } = "adam";
        /// <summary>LR.</summary>
        [CommandOption("--lr <X>"), Description("Learning rate, ≥ 0 (0: nothing trains, e.g. a frozen-network check) (default: 0.001)."), DefaultValue(1e-3)]
        public double Lr { get; init; } = 1e-3;
        /// <summary>Validation fraction.</summary>
        [CommandOption("--val-fraction <X>"), Description("With --protocol plain: draw this fraction of the training pool as validation, by patient, seeded by --seed, instead of the prepared validation split (CCXS has none) (default: the prepared split).")]
        public double? ValFraction { get; init; }
        /// <summary>Schedule floor.</summary>
        [CommandOption("--min-lr <X>"), Description("Floor of the cosine and plateau schedules, lowered to --lr when above it (default: 1e-6)."), DefaultValue(1e-6)]
        public double MinLr { get; init; } = 1e-6;
        /// <summary>Weight decay.</summary>
        [CommandOption("--weight-decay <X>"), Description("Weight decay (default: 0)."), DefaultValue(0.0)]
        public double WeightDecay { get; init; }
        /// <summary>Schedule.</summary>
        [CommandOption("--schedule <S>"), Description("none | cosine | plateau (default: none)."), DefaultValue("none")]
        public string Schedule { get; init; } = "none";
        /// <summary>Grad clip.</summary>
        [CommandOption("--grad-clip <X>"), Description("Clip the gradient L2 norm, 0 = off (default: 0)."), DefaultValue(0.0)]
        public double GradClip { get; init; }
        /// <summary>Loss.</summary>
        [CommandOption("--loss <L>"), Description("Segment: bce+dice | bce; reconstruct: mse | l1 (default: bce+dice / mse)."), DefaultValue("")]
        public string Loss { get; init; } = "";
        /// <summary>Monitor.</summary>
        [CommandOption("--monitor <M>"), Description("mIoU | mDice | meanAuroc | val_loss (default: mIoU, meanAuroc or val_loss by task)."), DefaultValue("")]
        public string Monitor { get; init; } = "";
        /// <summary>Patience.</summary>
        [CommandOption("--patience <N>"), Description("Early-stopping patience in epochs, 0 = off (default: 10)."), DefaultValue(10)]
        public int Patience { get; init; } = 10;
        /// <summary>Min delta.</summary>
        [CommandOption("--min-delta <X>"), Description("Smallest improvement that counts (default: 0.0001)."), DefaultValue(1e-4)]
        public double MinDelta { get; init; } = 1e-4;
        /// <summary>No restore.</summary>
        [CommandOption("--no-restore-best"), Description("Keep the last weights instead of the best epoch's (default: restore best).")]
        public bool NoRestoreBest { get; init; }
        /// <summary>Threshold.</summary>
        [CommandOption("--threshold <X>"), Description("Probability threshold for IoU/Dice (default: 0.5)."), DefaultValue(0.5)]
        public double Threshold { get; init; } = 0.5;
        /// <summary>No augmentation.</summary>
        [CommandOption("--no-augment"), Description("Disable flip / rotation / blur augmentation (default: on).")]
        public bool NoAugment { get; init; }
        /// <summary>Norm mean.</summary>
        [CommandOption("--norm-mean <X>"), Description("Normalisation mean on the 0..1 scale (default: 0.449)."), DefaultValue(0.449)]
        public double NormMean { get; init; } = 0.449;
        /// <summary>Norm std.</summary>
        [CommandOption("--norm-std <X>"), Description("Normalisation std on the 0..1 scale (default: 0.226)."), DefaultValue(0.226)]
        public double NormStd { get; init; } = 0.226;
        /// <summary>Seed.</summary>
        [CommandOption("--seed <N>"), Description("Seed of every random choice (default: 42)."), DefaultValue(42)]
        public int Seed { get; init; } = 42;
        /// <summary>Device.</summary>
        [CommandOption("--device <D>"), Description("cpu | cuda (default: cpu)."), DefaultValue("cpu")]
        public string Device { get; init; } = "cpu";
        /// <summary>Threads.</summary>
        [CommandOption("--threads <N>"), Description("Torch threads, 0 = torch's default (default: 0)."), DefaultValue(0)]
        public int Threads { get; init; }
        /// <summary>Quiet.</summary>
        [CommandOption("--quiet"), Description("Plain log lines per epoch instead of a progress bar.")]
        public bool Quiet { get; init; }

        /// <summary>The library options.</summary>
        public TrainOptions ToOptions()
        {
            T Parse<T>(string field, string value) where T : struct, Enum =>
                Enum.TryParse<T>(value.Replace("+", "").Replace("-", ""), true, out var r) ? r
                    : throw new UserFacingException($"{field}: unknown value '{value}' (valid: {string.Join(", ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))})");
            var task = Parse<TrainTask>("--task", Task);
            var o = new TrainOptions
            {
                Task = task, Protocol = Parse<TrainProtocol>("--protocol", Protocol), Folds = Folds, FoldEnsemble = !NoEnsemble,
                MaxEpochs = Epochs, MaxStepsPerEpoch = MaxSteps, BatchSize = BatchSize, Optimizer = Parse<OptimizerKind>("--optimizer", Optimizer),
                LearningRate = Lr, MinLearningRate = MinLr, ValidationFraction = ValFraction, WeightDecay = WeightDecay, Schedule = Parse<LrScheduleKind>("--schedule", Schedule), GradClipNorm = GradClip,
                Monitor = Monitor, Patience = Patience, MinDelta = MinDelta, RestoreBest = !NoRestoreBest, Threshold = Threshold,
                Augment = new AugmentOptions(Enabled: !NoAugment), Normalisation = new Normalisation(NormMean, NormStd),
                Seed = Seed, Device = Device, Threads = Threads,
            };
            if (Loss.Length > 0)
                o = task == TrainTask.Reconstruct ? o with { ReconstructionLoss = Parse<ReconstructionLoss>("--loss", Loss) }
                    : o with { SegmentationLoss = Parse<SegmentationLoss>("--loss", Loss) };
            return o;
        }

        /// <inheritdoc />
        public override ValidationResult Validate()
        {
            if (string.IsNullOrWhiteSpace(Dataset)) return ValidationResult.Error("--dataset is required");
            if (string.IsNullOrWhiteSpace(Out)) return ValidationResult.Error("--out is required");
            return ValidationResult.Success();
        }
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings settings)
    {
        TorchRuntime.Initialize();
        var options = settings.ToOptions().Validate();
        var request = new TrainRequest(options, settings.Dataset, settings.Encoder, settings.Decoder, new ModelInit(settings.Init, settings.Transfer, settings.ImageNetWeights), settings.Out);
        var runner = TrainCommandRunner.CreateDefault(line => AnsiConsole.MarkupLine(Markup.Escape(line)));
        TrainResult result;
        if (settings.Quiet || !AnsiConsole.Profile.Capabilities.Interactive)
            result = runner.Run(request, new LogObserver());
        else
            result = AnsiConsole.Progress().AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                .Start(ctx => runner.Run(request, new BarObserver(ctx, options.MaxEpochs)));
        var inv = CultureInfo.InvariantCulture;
        AnsiConsole.MarkupLine($"best {Markup.Escape(result.Monitor)} {(result.BestScore?.ToString("0.####", inv) ?? "n/a")} at epoch {result.BestEpoch}; {result.EpochsRun} epochs{(result.StoppedEarly ? " (early stop)" : "")}");
        if (result.MetricsPath is not null) AnsiConsole.MarkupLine($"metrics: {Markup.Escape(result.MetricsPath)}");
        return 0;
    }

    private sealed class LogObserver : ITrainingObserver
    {
        public void OnMessage(string message) => Console.WriteLine(message);

        public void OnEpochEnd(EpochRecord r, string monitor, double? best) =>
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"epoch {r.Epoch}{(r.Fold > 0 ? $" fold {r.Fold}" : "")}: train_loss {r.TrainLoss:0.####} val_loss {r.ValLoss:0.####} {monitor} {r.Value(monitor)?.ToString("0.####", CultureInfo.InvariantCulture) ?? "n/a"} best {best?.ToString("0.####", CultureInfo.InvariantCulture) ?? "n/a"} lr {r.LearningRate:g3} {r.Seconds:0.#}s"));
    }

    private sealed class BarObserver(ProgressContext ctx, int maxEpochs) : ITrainingObserver
    {
        private readonly ProgressTask _task = ctx.AddTask("train", maxValue: maxEpochs);

        public void OnMessage(string message) => AnsiConsole.MarkupLine(Markup.Escape(message));

        public void OnStep(TrainingProgress p)
        {
            _task.MaxValue = (double)p.MaxEpochs * p.Units * p.StepsInUnit;
            _task.Value = ((double)(p.Epoch - 1) * p.Units + (p.Unit - 1)) * p.StepsInUnit + p.StepInUnit;
            var fold = p.Folds > 0 ? $"fold {p.Fold}/{p.Folds} " : "";
            _task.Description = Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"{fold}epoch {p.Epoch}/{p.MaxEpochs} run {p.Unit}/{p.Units} loss {p.Loss:0.####} best {p.BestScore?.ToString("0.####", CultureInfo.InvariantCulture) ?? "n/a"}"));
        }
    }
}
