using System.Diagnostics;
using CxrSeg.Platform;
using TorchSharp;
using static TorchSharp.torch;

namespace CxrSeg.Models.Diagnostics;

/// <summary>
/// Checks that this machine's convolution kernels give sound gradients: the same backward pass of a real network on
/// the same inputs, repeated, must give the same gradients every time (an intermittent kernel or a race shows up as a
/// pass that differs or is not finite), and the first pass must agree with the same gradients computed in float64
/// (libtorch computes float64 convolutions with its own kernels, never oneDNN's).
/// </summary>
public static class GradientCheck
{
    /// <summary>Runs the check; <paramref name="onPass"/> receives (passes done, bad so far).</summary>
    public static GradientCheckResult Run(GradientCheckOptions options, Action<int, int>? onPass = null, CancellationToken cancel = default)
    {
        options.Validate();
        TorchRuntime.Initialize();
        var device = new Device(options.Device);
        manual_seed(options.Seed);
        using var net = ModelFactory.Create(options.Spec);
        net.to(device);
        var spec = options.Spec;
        using var x = randn(options.Batch, spec.InChannels, options.Size, options.Size, device: device);
        using var target = Target(spec, x, options, device);

        // First the float64 reference, in evaluation mode and before any pass has moved BatchNorm's running statistics:
        // BatchNorm is then a fixed affine map, so the comparison is well conditioned (batch statistics of 2 images at
        // the deepest level divide by the variance of a handful of values, which magnifies rounding); the convolution
        // kernels under test run the same in both modes.
        net.eval();
        double referenceError;
        using (NewDisposeScope())
        {
            var g32 = Gradients(net, x, target);
            net.to(ScalarType.Float64);
            var g64 = Gradients(net, x.to(ScalarType.Float64), target.to(ScalarType.Float64));
            var largest = Math.Max(g64.abs().max().item<double>(), double.Epsilon);
            referenceError = (g32.to(ScalarType.Float64) - g64).abs().max().item<double>() / largest;
            if (!double.IsFinite(referenceError)) referenceError = double.PositiveInfinity;
        }
        net.to(ScalarType.Float32); // exact: every weight came from float32

        // The repeated passes run as training does (BatchNorm on batch statistics), with dropout off so they can repeat.
        TrainWithoutDropout(net);
        using var first = Gradients(net, x, target);
        var nonFinite = 0;
        var differing = 0;
        var maxChange = 0.0;
        var scale = Math.Max(first.abs().max().item<float>(), float.Epsilon);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < options.Passes; i++)
        {
            cancel.ThrowIfCancellationRequested();
            if (options.PoisonMiB > 0) Poison(options.PoisonMiB, device);
            using (NewDisposeScope())
            {
                var g = Gradients(net, x, target);
                if (!isfinite(g).all().item<bool>()) nonFinite++;
                else
                {
                    var change = (g - first).abs().max().item<float>() / scale;
                    maxChange = Math.Max(maxChange, change);
                    if (change > options.RepeatTolerance) differing++;
                }
            }
            onPass?.Invoke(i + 1, nonFinite + differing);
        }
        var perPass = clock.Elapsed.TotalSeconds / options.Passes;

        return new GradientCheckResult(spec, options.Size, options.Batch, options.Passes, nonFinite, differing, maxChange, referenceError,
            options.ReferenceTolerance, perPass, ConvolutionBackend.Status);
    }

    /// <summary>
    /// Allocates blocks of several sizes, fills them with NaN and frees them: the allocator hands that memory to the
    /// next tensors, so a kernel that reads memory it never wrote (padding of a blocked layout, a scratchpad) sees NaN.
    /// </summary>
    private static void Poison(int mib, Device device)
    {
        var remaining = (long)mib << 20;
        var blocks = new List<Tensor>();
        for (var bytes = 64L << 10; remaining > 0; bytes = Math.Min(bytes * 2, 16L << 20))
        {
            var take = Math.Min(bytes, remaining);
            blocks.Add(full(take / 4, float.NaN, device: device));
            remaining -= take;
        }
        foreach (var b in blocks) b.Dispose();
    }

    /// <summary>Training mode (BatchNorm on batch statistics, as in training) with dropout off, so passes can repeat exactly.</summary>
    private static void TrainWithoutDropout(nn.Module net)
    {
        net.train();
        foreach (var m in net.modules())
            if (m is TorchSharp.Modules.Dropout or TorchSharp.Modules.Dropout2d)
                m.eval();
    }

    private static Tensor Target(ModelSpec spec, Tensor x, GradientCheckOptions o, Device device)
    {
        var generator = new Generator((ulong)o.Seed + 1, device);
        return spec.Architecture switch
        {
            "autoencoder" => x.clone(),
            "classifier" => (rand([o.Batch, spec.Classes], generator: generator, device: device) > 0.5).to(ScalarType.Float32),
            _ => (rand([o.Batch, spec.Classes, o.Size, o.Size], generator: generator, device: device) > 0.5).to(ScalarType.Float32),
        };
    }

    /// <summary>One forward and backward pass; all parameter gradients as one flat tensor (moved out of the caller's scope).</summary>
    private static Tensor Gradients(nn.Module<Tensor, Tensor> net, Tensor x, Tensor target)
    {
        using var scope = NewDisposeScope();
        net.zero_grad();
        var y = net.call(x);
        var loss = net is Networks.SegmentationNetwork { Spec.Architecture: "autoencoder" }
            ? nn.functional.mse_loss(y, target)
            : nn.functional.binary_cross_entropy_with_logits(y, target);
        loss.backward();
        var parts = net.parameters().Where(p => p.grad is not null).Select(p => p.grad!.flatten()).ToList();
        return cat(parts).detach().clone().MoveToOuterDisposeScope();
    }
}
