using TorchSharp;
using static TorchSharp.torch;

namespace CxrSeg.Models;

/// <summary>
/// Refuses training on a batch that puts a single value per channel into a BatchNorm layer (batch 1 through
/// ASPP's image-pooling branch, or a 1×1 deepest feature at batch 1): libtorch would silently set
/// <c>running_var</c> to NaN.
/// </summary>
public static class BatchNormGuard
{
    /// <summary>Adds a forward pre-hook to every BatchNorm layer of <paramref name="model"/>.</summary>
    public static void Attach(nn.Module model)
    {
        foreach (var (name, m) in model.named_modules())
        {
            if (m is not TorchSharp.Modules.BatchNorm2d bn) continue;
            var layer = name;
            bn.register_forward_pre_hook((mod, input) =>
            {
                if (mod.training && input.shape.Length >= 2 && input.numel() / Math.Max(1, input.shape[1]) <= 1)
                    throw new UserFacingException(
                        $"training batch too small: BatchNorm layer '{layer}' would see one value per channel (input [{string.Join(", ", input.shape)}]), " +
                        "which corrupts its running variance; use a batch of at least 2 (or drop the last incomplete batch)");
                return input;
            });
        }
    }
}
