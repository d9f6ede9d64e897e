
namespace CxrSeg.Bench;

/// <summary>
/// Sizes of the bench suites. The defaults are the full benchmark (256², batch 8, every suite in under 10 minutes
/// on an idle 2-core machine); <see cref="Quick"/> gives a smoke run of a few seconds per suite.
/// </summary>
public sealed record BenchSettings
{
    /// <summary>The pairings measured by <c>train-step</c> when none are named: the three with speed targets, plus the classifier and autoencoder.</summary>
    public static readonly IReadOnlyList<string> DefaultPairings =
        ["unet-resnet50", "unet-vgg16", "deeplabv3-resnet50", "classifier-resnet50", "autoencoder-resnet50"];

    /// <summary>Input side in pixels (multiple of 32).</summary>
    public int Size { get; init; } = 256;

    /// <summary>Images per training step.</summary>
    public int Batch { get; init; } = 8;

    /// <summary>Timed train steps per pairing (after <see cref="Warmup"/>); the median is reported.</summary>
    public int Steps { get; init; } = 2;

    /// <summary>Untimed warm-up steps per pairing.</summary>
    public int Warmup { get; init; } = 1;

    /// <summary>Pairings "architecture-encoder" for <c>train-step</c> (empty: <see cref="DefaultPairings"/>; "all": every buildable pairing).</summary>
    public IReadOnlyList<string> Pairings { get; init; } = [];

    /// <summary>The network of the epoch, loader, predict and memory suites ("architecture-encoder").</summary>
    public string Model { get; init; } = "unet-resnet50";

    /// <summary>Training images of one <c>epoch</c> (steps = images / batch).</summary>
    public int EpochImages { get; init; } = 32;

    /// <summary>Validation images of one <c>epoch</c> (and of each <c>memory</c> epoch).</summary>
    public int ValidationImages { get; init; } = 16;

    /// <summary>Epochs of the <c>memory</c> suite.</summary>
    public int MemoryEpochs { get; init; } = 10;

    /// <summary>Training images of each <c>memory</c> epoch.</summary>
    public int MemoryImages { get; init; } = 8;

    /// <summary>Synthetic source files per format of the <c>prepare</c> suite.</summary>
    public int PrepareImages { get; init; } = 32;

    /// <summary>Side of the synthetic <c>prepare</c> sources.</summary>
    public int PrepareSourceSize { get; init; } = 1024;

    /// <summary>Images assembled into batches by the <c>loader</c> suite.</summary>
    public int LoaderImages { get; init; } = 64;

    /// <summary>Images predicted end to end by the <c>predict</c> suite.</summary>
    public int PredictImages { get; init; } = 8;

    /// <summary>Side of the synthetic images the <c>predict</c> suite reads (they are letterboxed to <see cref="Size"/>).</summary>
    public int PredictSourceSize { get; init; } = 1024;

    /// <summary>A smoke run: 64², batch 2, one step, a handful of images, a light model.</summary>
    public static BenchSettings Quick { get; } = new()
    {
        Size = 64, Batch = 2, Steps = 1, Warmup = 1, Pairings = ["unet-resnet18", "classifier-resnet18"], Model = "unet-resnet18",
        EpochImages = 4, ValidationImages = 2, MemoryEpochs = 3, MemoryImages = 4, PrepareImages = 3, PrepareSourceSize = 128,
        LoaderImages = 8, PredictImages = 2, PredictSourceSize = 96,
    };

    /// <summary>Throws a <see cref="UserFacingException"/> naming the first bad field.</summary>
    public BenchSettings Validate()
    {
        if (Size < 32 || Size % 32 != 0) throw new UserFacingException($"bench size must be a positive multiple of 32 (got {Size})");
        if (Batch < 2) throw new UserFacingException($"bench batch must be ≥ 2: BatchNorm needs more than one value per channel (got {Batch})");
        if (Steps < 1) throw new UserFacingException($"bench steps must be ≥ 1 (got {Steps})");
        if (Warmup < 0) throw new UserFacingException($"bench warm-up steps must be ≥ 0 (got {Warmup})");
        if (EpochImages < Batch) throw new UserFacingException($"bench epoch images must be ≥ the batch ({Batch}) (got {EpochImages})");
        if (ValidationImages < 1) throw new UserFacingException($"bench validation images must be ≥ 1 (got {ValidationImages})");
        if (MemoryEpochs < 2) throw new UserFacingException($"bench memory epochs must be ≥ 2 (got {MemoryEpochs})");
        if (MemoryImages < Batch) throw new UserFacingException($"bench memory images must be ≥ the batch ({Batch}) (got {MemoryImages})");
        if (PrepareImages < 1) throw new UserFacingException($"bench prepare images must be ≥ 1 (got {PrepareImages})");
        if (PrepareSourceSize < 16) throw new UserFacingException($"bench prepare source size must be ≥ 16 (got {PrepareSourceSize})");
        if (LoaderImages < Batch) throw new UserFacingException($"bench loader images must be ≥ the batch ({Batch}) (got {LoaderImages})");
        if (PredictImages < 1) throw new UserFacingException($"bench predict images must be ≥ 1 (got {PredictImages})");
        if (PredictSourceSize < 16) throw new UserFacingException($"bench predict source size must be ≥ 16 (got {PredictSourceSize})");
        PairingNames.Parse(Model);
        foreach (var p in Pairings.Where(p => p != "all")) PairingNames.Parse(p);
        return this;
    }
}
