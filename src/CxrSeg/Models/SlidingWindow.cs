using static TorchSharp.torch;

namespace CxrSeg.Models;

/// <summary>
/// Prediction by overlapping square windows (nnU-Net style): windows of a given side step over the image with
/// <see cref="Overlap"/>, the last one flush with the far edge; each window's probabilities are weighted by a Gaussian
/// centred on it (σ = side/8, peak 1) so that window borders count least, and the weighted sum is divided by the summed
/// weights. A window as large as the image is one pass, equal to the whole-image prediction.
/// </summary>
public static class SlidingWindow
{
    /// <summary>Overlap of neighbouring windows (share of the side).</summary>
    public const double Overlap = 0.5;

    /// <summary>The window starts along an axis of <paramref name="size"/> pixels: 0, step, …, size − window (step = side × (1 − overlap), rounded up).</summary>
    public static IReadOnlyList<int> Starts(int size, int window)
    {
        if (window >= size) return [0];
        var step = Math.Max(1, (int)Math.Ceiling(window * (1 - Overlap)));
        var starts = new List<int>();
        for (var s = 0; s < size - window; s += step) starts.Add(s);
        starts.Add(size - window);
        return starts;
    }

    /// <summary>The Gaussian weight map [side, side] (σ = side/8, peak 1).</summary>
    public static Tensor GaussianWeights(int side, Device? device = null)
    {
        var sigma = side / 8.0;
        var c = (side - 1) / 2.0;
        var axis = new float[side];
        for (var i = 0; i < side; i++) axis[i] = (float)Math.Exp(-(i - c) * (i - c) / (2 * sigma * sigma));
        var a = tensor(axis, device: device);
        return a.unsqueeze(1) * a.unsqueeze(0);
    }

    /// <summary>
    /// Probabilities [B,C,H,W] of <paramref name="images"/> [B,Cin,H,W] by windows of <paramref name="window"/>² (0, or a window
    /// covering the image: one pass); <paramref name="probabilities"/> maps a window batch to its probabilities.
    /// </summary>
    public static Tensor Probabilities(Func<Tensor, Tensor> probabilities, Tensor images, int window)
    {
        var (h, w) = ((int)images.shape[2], (int)images.shape[3]);
        if (window <= 0 || (window >= h && window >= w)) return probabilities(images);
        var (wh, ww) = (Math.Min(window, h), Math.Min(window, w));
        using var scope = NewDisposeScope();
        var weight = GaussianWeights(Math.Max(wh, ww), images.device)[..wh, ..ww];
        Tensor? sum = null;
        var norm = zeros([h, w], device: images.device);
        foreach (var y in Starts(h, wh))
        foreach (var x in Starts(w, ww))
        {
            var p = probabilities(images[.., .., y..(y + wh), x..(x + ww)]);
            sum ??= zeros([p.shape[0], p.shape[1], h, w], device: images.device);
            sum[.., .., y..(y + wh), x..(x + ww)] += p * weight;
            norm[y..(y + wh), x..(x + ww)] += weight;
        }
        return (sum! / norm).MoveToOuterDisposeScope();
    }
}
