using System.Diagnostics;
using CxrSeg.Models;
using CxrSeg.Stages;
using TorchSharp;
using static TorchSharp.torch;

namespace CxrSeg.Bench.Measurements;

/// <summary>
/// Times one training step (forward, loss, backward, Adam step) of a network on random data, and relates it
/// to the FLOPs counted from its layers. Library function for <c>cxrseg bench</c>; compare the achieved
/// GFLOP/s with <see cref="Platform.Gemm.MeasureGflops"/> from the same run.
/// </summary>
public static class TrainStepBenchmark
{
    /// <summary>Measures one pairing.</summary>
    public static TrainStepResult Run(ModelSpec spec, TrainStepOptions options)
    {
        options.Validate();
        Platform.TorchRuntime.Initialize();
        manual_seed(options.Seed);
        var device = new Device(options.Device);
        using var net = ModelFactory.Create(spec);
        net.to(device);
        var parameters = ModelFactory.CountParameters(net);

        long macs;
        using (var probe = randn(1, spec.InChannels, options.Size, options.Size, device: device))
            macs = FlopCounter.ForwardMacs(net, probe);

        using var optimizer = optim.Adam(net.parameters(), lr: 1e-4);
        using var x = randn(options.Batch, spec.InChannels, options.Size, options.Size, device: device);
        var task = ArchitectureRegistry.Get(spec.Architecture).Task;
        using var target = task == TrainTask.Classify
            ? randint(0, 2, [options.Batch, spec.Classes], device: device).to(ScalarType.Float32)
            : task == TrainTask.Reconstruct
                ? x.clone()
                : randint(0, 2, [options.Batch, spec.Classes, options.Size, options.Size], device: device).to(ScalarType.Float32);
        net.train();
        var times = new List<double>();
        for (var i = 0; i < options.Warmup + options.Steps; i++)
        {
            var sw = Stopwatch.StartNew();
            using (NewDisposeScope())
            {
                optimizer.zero_grad();
                var y = net.call(x);
                var loss = task == TrainTask.Reconstruct
                    ? nn.functional.mse_loss(y, target)
                    : nn.functional.binary_cross_entropy_with_logits(y, target);
                loss.backward();
                optimizer.step();
                if (device.type == DeviceType.CUDA) cuda.synchronize();
            }
            if (i >= options.Warmup) times.Add(sw.Elapsed.TotalSeconds);
        }
        times.Sort();
        var seconds = times[times.Count / 2];
        var flops = 3.0 * 2.0 * macs * options.Batch;
        return new TrainStepResult(net.Spec, options.Size, options.Batch, parameters, seconds, options.Batch / seconds, macs, flops, flops / seconds / 1e9);
    }

    /// <summary>Measures several pairings in turn, reporting each result as it completes.</summary>
    public static IReadOnlyList<TrainStepResult> RunAll(IEnumerable<ModelSpec> specs, TrainStepOptions options, Action<TrainStepResult>? onResult = null)
    {
        var results = new List<TrainStepResult>();
        foreach (var spec in specs)
        {
            var r = Run(spec, options);
            onResult?.Invoke(r);
            results.Add(r);
        }
        return results;
    }
}
