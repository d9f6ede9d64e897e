using CxrSeg.Experiments;
using CxrSeg.Models.Weights;
using CxrSeg.Models;

namespace CxrSeg.Reports;

/// <summary>A column of Table 3: architecture, transfer mode (null for DeepLabV3, which only takes the encoder) and initialisation.</summary>
public sealed record Table3Column(string Architecture, TransferMode? Transfer, InitKind Init)
{
    /// <summary>The six columns in the paper's order.</summary>
    public static IReadOnlyList<Table3Column> Paper { get; } =
    [
        new("unet", TransferMode.Encoder, InitKind.Random), new("unet", TransferMode.Encoder, InitKind.ImageNet),
        new("unet", TransferMode.EncoderDecoder, InitKind.Random), new("unet", TransferMode.EncoderDecoder, InitKind.ImageNet),
        new("deeplabv3", null, InitKind.Random), new("deeplabv3", null, InitKind.ImageNet),
    ];

    /// <summary>Header text, e.g. "UNet encoder-only, ImageNet".</summary>
    public string Title =>
        (ArchitectureRegistry.Find(Architecture)?.Title ?? Architecture) +
        (Transfer is null ? "" : Transfer == TransferMode.Encoder ? " encoder-only" : " encoder+decoder") +
        (Init switch { InitKind.ImageNet => ", ImageNet", InitKind.File => ", from file", _ => ", random" });

    /// <summary>A compact header for terminals, e.g. "UNet enc+dec INet".</summary>
    public string ShortTitle =>
        (ArchitectureRegistry.Find(Architecture)?.ShortTitle ?? Architecture) +
        (Transfer is null ? "" : Transfer == TransferMode.Encoder ? " enc" : " enc+dec") +
        (Init switch { InitKind.ImageNet => " INet", InitKind.File => " file", _ => " rand" });

    /// <summary>
    /// True when the column has runs of its own: a transfer column needs at least one run with that transfer mode
    /// (runs without transfer alone only fill the encoder-only column), so a grid without encoder+decoder transfer
    /// shows no encoder+decoder column.
    /// </summary>
    public bool IsActive(IReadOnlyList<RunResult> runs)
    {
        var mine = runs.Where(r => r.Labels.Architecture == Architecture && r.Labels.Init == Init).ToList();
        if (mine.Count == 0) return false;
        if (Transfer is null || mine.Any(r => r.Labels.Transfer == Transfer)) return true;
        return Transfer == TransferMode.Encoder && mine.All(r => r.Labels.Transfer is null);
    }

    /// <summary>
    /// True when the run belongs to this column. A run without transfer (strategy none) fills both UNet transfer
    /// columns: with nothing transferred, the two modes are the same experiment.
    /// </summary>
    public bool Holds(PlanLabels l) =>
        l.Architecture == Architecture && l.Init == Init &&
        (Transfer is null || l.Transfer is null || l.Transfer == Transfer);
}
