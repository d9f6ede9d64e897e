using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace CxrSeg.Training;

/// <summary>
/// Differentiable morphology on probability maps [B,C,H,W] by max-pooling (Shit et al., clDice): erosion is a min-pool over
/// the 3-pixel cross, dilation a 3×3 max-pool, and the soft skeleton collects what each opening removes over
/// <see cref="Iterations"/> erosions. On a binary map a one-pixel-wide line is its own skeleton.
/// </summary>
public static class SoftSkeleton
{
    /// <summary>Erosions of the soft skeleton: structures up to about twice this many pixels wide are thinned to their centre line.</summary>
    public const int Iterations = 5;

    /// <summary>Soft erosion: the minimum over the pixel and its four neighbours (outside the image counts as no constraint).</summary>
    public static Tensor Erode(Tensor x)
    {
        var vertical = -F.max_pool2d(-x, [3, 1], [1, 1], [1, 0]);
        var horizontal = -F.max_pool2d(-x, [1, 3], [1, 1], [0, 1]);
        return minimum(vertical, horizontal);
    }

    /// <summary>Soft dilation: the maximum over the 3×3 neighbourhood.</summary>
    public static Tensor Dilate(Tensor x) => F.max_pool2d(x, [3, 3], [1, 1], [1, 1]);

    /// <summary>Soft opening: dilation of the erosion.</summary>
    public static Tensor Open(Tensor x) => Dilate(Erode(x));

    /// <summary>The soft skeleton of <paramref name="x"/> (values in 0..1).</summary>
    public static Tensor Of(Tensor x, int iterations = Iterations)
    {
        var skeleton = F.relu(x - Open(x));
        for (var i = 0; i < iterations; i++)
        {
            x = Erode(x);
            var delta = F.relu(x - Open(x));
            skeleton = skeleton + F.relu(delta - skeleton * delta);
        }
        return skeleton;
    }
}
