using CxrSeg.Data.Ccxs;
using CxrSeg.Data.Images;
using CxrSeg.Data.Transforms;
using CxrSeg.Models;
using CxrSeg.Predict;
using TorchSharp;
using static TorchSharp.torch;

namespace CxrSeg.Tests.Predict;

/// <summary>Tiny models and images for the predict tests.</summary>
internal static class PredictFixtures
{
    public const int Size = 32;

    /// <summary>A resnet18 UNet at 32² with seeded random weights and the 13 CCXS classes.</summary>
    public static TrainedModel RandomUnet(int seed = 3)
    {
        manual_seed(seed);
        var spec = new ModelSpec("unet", "resnet18", 1, CcxsClasses.All.Count);
        return TrainedModel.FromNetwork(ModelFactory.Create(spec), spec, CcxsClasses.Names, Size, new Normalisation());
    }

    /// <summary>A model whose every channel's logit is (pixel/255 − 0.5) × 40: a class is "bright pixels".</summary>
    public static TrainedModel Brightness(int classes = 2, int size = Size)
    {
        var names = CcxsClasses.Names.Take(classes).ToArray();
        var spec = new ModelSpec("unet", "resnet18", 1, classes);
        return TrainedModel.FromNetwork(new BrightNet(classes), spec, names, size, new Normalisation(0, 1));
    }

    /// <summary>A grey image with a bright rectangle [x0, x1) × [y0, y1) on black.</summary>
    public static GreyImage Rect(int w, int h, int x0, int y0, int x1, int y1)
    {
        var px = new byte[w * h];
        for (var y = y0; y < y1; y++)
            for (var x = x0; x < x1; x++) px[y * w + x] = 230;
        return new GreyImage(w, h, px);
    }

    /// <summary>A seeded noisy grey image.</summary>
    public static GreyImage Noise(int w, int h, int seed)
    {
        var r = new Random(seed);
        var px = new byte[w * h];
        r.NextBytes(px);
        return new GreyImage(w, h, px);
    }

    private sealed class BrightNet(int classes) : nn.Module<Tensor, Tensor>("bright")
    {
        public override Tensor forward(Tensor x) => ((x - 0.5) * 40).expand(x.shape[0], classes, x.shape[2], x.shape[3]).contiguous();
    }
}
