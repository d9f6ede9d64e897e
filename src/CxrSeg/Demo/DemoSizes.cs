using System.Globalization;

namespace CxrSeg.Demo;

/// <summary>
/// The sizes of a demo: how many phantoms, the image size, the grid's repeats and each stage's training budget.
/// <see cref="Standard"/> fits the whole demo in about 10 minutes on two idle CPU cores (docs/DEMO.md); <see cref="Tiny"/> is a
/// seconds-long smoke run for tests.
/// </summary>
public sealed record DemoSizes
{
    /// <summary>Name written to the report ("standard", "tiny").</summary>
    public string Name { get; init; } = "standard";

    /// <summary>Phantom base size in pixels (<see cref="Phantoms.SynthOptions.Size"/>).</summary>
    public int SynthSize { get; init; } = 192;

    /// <summary>CheXpert-like rows to generate (frontal and lateral).</summary>
    public int CheXpertCount { get; init; } = 600;

    /// <summary>SIIM-like DICOM images to generate.</summary>
    public int SiimCount { get; init; } = 300;

    /// <summary>CCXS-like images to generate (100 as in the real CCXS).</summary>
    public int CcxsCount { get; init; } = 100;

    /// <summary>Side of the prepared square images (a multiple of 32 for the UNet).</summary>
    public int ImageSize { get; init; } = 96;

    /// <summary>Images per training step.</summary>
    public int BatchSize { get; init; } = 8;

    /// <summary>Repeats (seeds) of each configuration's final CCXS stage.</summary>
    public int Repeats { get; init; } = 3;

    /// <summary>Epochs of the CheXpert classifier pretraining.</summary>
    public int CheXpertEpochs { get; init; } = 12;

    /// <summary>Epochs of the SIIM box-mask pretraining.</summary>
    public int SiimEpochs { get; init; } = 12;

    /// <summary>Maximum epochs of the final CCXS stage (rotating protocol: 9 runs per epoch).</summary>
    public int CcxsEpochs { get; init; } = 3;

    /// <summary>The planned (maximum) epochs of a stage on the given dataset.</summary>
    public int EpochsOf(Experiments.DatasetKind dataset) => dataset switch
    {
        Experiments.DatasetKind.CheXpert => CheXpertEpochs,
        Experiments.DatasetKind.Siim => SiimEpochs,
        _ => CcxsEpochs,
    };

    /// <summary>Steps per rotating run on CCXS (0: every training image once per run).</summary>
    public int CcxsStepsPerRun { get; init; } = 3;

    /// <summary>Steps per epoch of the pretraining stages (0: every training image once).</summary>
    public int PretrainStepsPerEpoch { get; init; }

    /// <summary>Early-stopping patience in epochs of every stage (0: off).</summary>
    public int Patience { get; init; }

    /// <summary>
    /// What the SIIM boxes become: one "opacity" channel (find the opacities) or one channel per study class (also
    /// guess the study's class from its look). On the phantoms the opacity masks reach validation mIoU 0.47 after 12
    /// epochs, the study-class masks 0.13 (docs/DEMO.md).
    /// </summary>
    public Data.Siim.SiimMaskMode SiimMasks { get; init; } = Data.Siim.SiimMaskMode.Opacity;

    /// <summary>The transfers of the grid into CCXS: encoder, and encoder+decoder from the SIIM UNet (Table 3's two columns).</summary>
    public IReadOnlyList<string> Transfers { get; init; } = ["encoder"];

    /// <summary>Test images shown as prediction overlays.</summary>
    public int OverlayImages { get; init; } = 3;

    /// <summary>The default sizes (about 10 minutes on two idle cores).</summary>
    public static DemoSizes Standard { get; } = new();

    /// <summary>A smoke-test preset: a handful of 32² images, one short epoch per stage, two repeats.</summary>
    public static DemoSizes Tiny { get; } = new()
    {
        Name = "tiny", SynthSize = 64, CheXpertCount = 24, SiimCount = 16, CcxsCount = 30, ImageSize = 32, BatchSize = 4,
        Repeats = 2, CheXpertEpochs = 1, SiimEpochs = 1, CcxsEpochs = 1, CcxsStepsPerRun = 1, PretrainStepsPerEpoch = 2,
        Patience = 0, OverlayImages = 2, Transfers = ["encoder"],
    };

    /// <summary>Throws a <see cref="UserFacingException"/> naming the bad field.</summary>
    public void Validate()
    {
        if (SynthSize is < 64 or > 4096) throw new UserFacingException($"demo: SynthSize must be 64–4096 (got {SynthSize})");
        if (CheXpertCount < 10) throw new UserFacingException($"demo: CheXpertCount must be ≥ 10 (got {CheXpertCount})");
        if (SiimCount < 10) throw new UserFacingException($"demo: SiimCount must be ≥ 10 (got {SiimCount})");
        if (CcxsCount < 30) throw new UserFacingException($"demo: CcxsCount must be ≥ 30: 10 test images and at least two rotating partitions of 10 (got {CcxsCount})");
        if (ImageSize < 32 || ImageSize % 32 != 0) throw new UserFacingException($"demo: ImageSize must be a multiple of 32, ≥ 32 (got {ImageSize})");
        if (BatchSize < 1) throw new UserFacingException($"demo: BatchSize must be ≥ 1 (got {BatchSize})");
        if (Repeats < 1) throw new UserFacingException($"demo: Repeats must be ≥ 1 (got {Repeats})");
        if (CheXpertEpochs < 1) throw new UserFacingException($"demo: CheXpertEpochs must be ≥ 1 (got {CheXpertEpochs})");
        if (SiimEpochs < 1) throw new UserFacingException($"demo: SiimEpochs must be ≥ 1 (got {SiimEpochs})");
        if (CcxsEpochs < 1) throw new UserFacingException($"demo: CcxsEpochs must be ≥ 1 (got {CcxsEpochs})");
        if (CcxsStepsPerRun < 0) throw new UserFacingException($"demo: CcxsStepsPerRun must be ≥ 0 (got {CcxsStepsPerRun})");
        if (PretrainStepsPerEpoch < 0) throw new UserFacingException($"demo: PretrainStepsPerEpoch must be ≥ 0 (got {PretrainStepsPerEpoch})");
        if (Patience < 0) throw new UserFacingException($"demo: Patience must be ≥ 0 (got {Patience})");
        if (OverlayImages < 0) throw new UserFacingException($"demo: OverlayImages must be ≥ 0 (got {OverlayImages})");
        if (Transfers.Count == 0 || Transfers.Any(t => t is not ("encoder" or "encoder+decoder")))
            throw new UserFacingException($"demo: Transfers must be encoder and/or encoder+decoder (got [{string.Join(", ", Transfers)}])");
    }

    /// <summary>One line for logs and the report, e.g. "96² images, batch 8, 3 repeats, …".</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{Name}: phantoms {CheXpertCount} CheXpert rows / {SiimCount} SIIM / {CcxsCount} CCXS at base {SynthSize} px; {ImageSize}² images, batch {BatchSize}; " +
        $"CheXpert classifier {CheXpertEpochs} epoch(s), SIIM {SiimEpochs} epoch(s){(PretrainStepsPerEpoch > 0 ? $" (≤ {PretrainStepsPerEpoch} steps each)" : "")}, " +
        $"CCXS ≤ {CcxsEpochs} epoch(s) of rotating runs{(CcxsStepsPerRun > 0 ? $" of {CcxsStepsPerRun} step(s)" : "")}, patience {Patience}; " +
        $"SIIM masks {SiimMasks.ToString().ToLowerInvariant()}; transfers {string.Join(", ", Transfers)}; {Repeats} repeat(s)");
}
