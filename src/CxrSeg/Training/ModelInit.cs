namespace CxrSeg.Training;

/// <summary>How a new network's weights start: "random", "imagenet", or a previous run folder, with the parts transferred.</summary>
/// <param name="Source">"random", "imagenet" or a run folder.</param>
/// <param name="Transfer">"encoder" or "encoder+decoder" (run folders only).</param>
/// <param name="ImageNetWeights">torchvision's ImageNet <c>.pth</c> file, or a folder holding it (imagenet only).</param>
public sealed record ModelInit(string Source = "random", string Transfer = "encoder", string? ImageNetWeights = null);
