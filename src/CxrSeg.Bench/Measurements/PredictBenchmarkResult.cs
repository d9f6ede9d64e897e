
namespace CxrSeg.Bench.Measurements;

/// <summary>Seconds per image of prediction, end to end and bare forward, single and batched (medians).</summary>
/// <param name="Model">The pairing, "unet-resnet18".</param>
/// <param name="InputSize">Side of the network's square input.</param>
/// <param name="ImageSize">Input image size, "1024x1024".</param>
/// <param name="BatchSize">Batch size of the batched figures.</param>
/// <param name="EndToEndSingle">Decode → predict → write (masks, overlay, JSON) per image, batch 1.</param>
/// <param name="EndToEndBatched">The same with <paramref name="BatchSize"/>.</param>
/// <param name="ForwardSingle">Bare forward per image of the same model and input size, batch 1.</param>
/// <param name="ForwardBatched">Bare forward per image, batched.</param>
/// <param name="EndToEndNoOverlaySingle">End to end at batch 1 without the overlay (<c>predict --no-overlay</c>).</param>
public sealed record PredictBenchmarkResult(string Model, int InputSize, string ImageSize, int BatchSize,
    double EndToEndSingle, double EndToEndBatched, double ForwardSingle, double ForwardBatched, double EndToEndNoOverlaySingle)
{
    /// <summary>End-to-end without the overlay / forward at batch 1.</summary>
    public double OverheadNoOverlaySingle => EndToEndNoOverlaySingle / ForwardSingle;

    /// <summary>End-to-end / forward at batch 1: how much the pipeline around the network costs.</summary>
    public double OverheadSingle => EndToEndSingle / ForwardSingle;

    /// <summary>End-to-end / forward, batched.</summary>
    public double OverheadBatched => EndToEndBatched / ForwardBatched;
}
