using CxrSeg.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace CxrSeg.Bench.Measurements;

/// <summary>Counts multiply-accumulates of convolutions and linear layers in one forward pass, with forward hooks.</summary>
public static class FlopCounter
{
    /// <summary>
    /// Runs <paramref name="module"/> once on <paramref name="input"/> (eval mode, no gradients) and returns the
    /// MACs of every <c>Conv2d</c> (output elements × in/groups × kh × kw) and <c>Linear</c> (output elements × in).
    /// Other layers (BN, ReLU, pooling, interpolation) are ignored: they are a few percent at most.
    /// </summary>
    public static long ForwardMacs(nn.Module<Tensor, Tensor> module, Tensor input)
    {
        long macs = 0;
        var removers = new List<Action>();
        foreach (var (_, m) in module.named_modules())
        {
            switch (m)
            {
                case TorchSharp.Modules.Conv2d conv:
                    var rc = conv.register_forward_hook((mod, _, output) =>
                    {
                        var w = conv.weight!;
                        macs += output.numel() * w.shape[1] * w.shape[2] * w.shape[3];
                        return output;
                    });
                    removers.Add(rc.remove);
                    break;
                case TorchSharp.Modules.Linear lin:
                    var rl = lin.register_forward_hook((mod, _, output) =>
                    {
                        macs += output.numel() * lin.weight!.shape[1];
                        return output;
                    });
                    removers.Add(rl.remove);
                    break;
            }
        }
        var wasTraining = module.training;
        try
        {
            module.eval();
            using var scope = NewDisposeScope();
            using var _ = no_grad();
            module.call(input);
        }
        finally
        {
            foreach (var r in removers) r();
            module.train(wasTraining);
        }
        return macs;
    }
}
