using System.Diagnostics;
using TorchSharp;
using static TorchSharp.torch;

namespace CxrSeg.Bench;

/// <summary>Times the bare inference forward pass (eval mode, no gradients, sigmoid) of a network on random input.</summary>
public static class ForwardTimer
{
    /// <summary>Median seconds of one forward pass of a [batch, in, size, size] input, after one untimed pass.</summary>
    public static double Seconds(nn.Module<Tensor, Tensor> model, int inChannels, int batch, int size, int repeats, string device)
    {
        var dev = new Device(device);
        var was = model.training;
        model.eval();
        try
        {
            using var noGrad = no_grad();
            using var x = randn(batch, inChannels, size, size, device: dev);
            var times = new List<double>();
            for (var i = 0; i <= repeats; i++)
            {
                var sw = Stopwatch.StartNew();
                using (NewDisposeScope())
                {
                    _ = model.call(x).sigmoid();
                    if (dev.type == DeviceType.CUDA) cuda.synchronize();
                }
                if (i > 0) times.Add(sw.Elapsed.TotalSeconds);
            }
            return BenchContext.Median(times);
        }
        finally
        {
            model.train(was);
        }
    }
}
