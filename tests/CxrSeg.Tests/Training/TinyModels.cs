using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace CxrSeg.Tests.Training;

/// <summary>Small conv nets for training tests (seeded construction).</summary>
internal static class TinyModels
{
    public static Module<Tensor, Tensor> Segmenter(int inCh, int classes, int seed = 1)
    {
        manual_seed(seed);
        return Sequential(
            Conv2d(inCh, 8, 3, padding: 1), BatchNorm2d(8), ReLU(),
            Conv2d(8, 8, 3, padding: 1), ReLU(),
            Conv2d(8, classes, 1));
    }

    public static Module<Tensor, Tensor> Classifier(int inCh, int classes, int seed = 1)
    {
        manual_seed(seed);
        return Sequential(
            Conv2d(inCh, 8, 3, padding: 1, stride: 2), ReLU(),
            Conv2d(8, 8, 3, padding: 1, stride: 2), ReLU(),
            AdaptiveAvgPool2d(1), Flatten(), Linear(8, classes));
    }

    public static Module<Tensor, Tensor> Autoencoder(int inCh, int seed = 1)
    {
        manual_seed(seed);
        return Sequential(
            Conv2d(inCh, 8, 3, padding: 1, stride: 2), ReLU(),
            ConvTranspose2d(8, 8, 2, stride: 2), ReLU(),
            Conv2d(8, inCh, 3, padding: 1));
    }
}

/// <summary>Passes through a conv, but returns NaN from the given training forward call on.</summary>
internal sealed class NaNAfter : Module<Tensor, Tensor>
{
    private readonly Module<Tensor, Tensor> _conv;
    private readonly int _from;
    private int _calls;

    public NaNAfter(int classes, int fromCall) : base(nameof(NaNAfter))
    {
        manual_seed(1);
        _conv = Conv2d(1, classes, 3, padding: 1);
        _from = fromCall;
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        var y = _conv.forward(x);
        if (!training) return y;
        _calls++;
        return _calls >= _from ? y * float.NaN : y;
    }
}
