using CxrSeg.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace CxrSeg.Tests.Models;

public sealed class SlidingWindowTests
{
    [Fact]
    public void Sliding_window_on_a_full_image_equals_single_pass_prediction_where_the_window_covers_the_image()
    {
        using var scope = NewDisposeScope();
        manual_seed(3);
        var spec = new ModelSpec("unet", "resnet18", 1, 2);
        using var net = ModelFactory.Create(spec);
        net.eval();
        using var noGrad = no_grad();
        var x = randn(2, 1, 64, 64);
        Tensor Probs(Tensor t) => net.forward(t).sigmoid();
        var single = Probs(x);
        Assert.True(SlidingWindow.Probabilities(Probs, x, 64).allclose(single, rtol: 0, atol: 1e-6), "window = image");
        Assert.True(SlidingWindow.Probabilities(Probs, x, 96).allclose(single, rtol: 0, atol: 1e-6), "window larger than the image");
        Assert.True(SlidingWindow.Probabilities(Probs, x, 0).allclose(single, rtol: 0, atol: 1e-6), "no window");
    }

    [Fact]
    public void Windows_of_a_pointwise_network_reassemble_the_single_pass_exactly()
    {
        using var scope = NewDisposeScope();
        manual_seed(4);
        using var conv = nn.Conv2d(1, 3, 1);
        using var noGrad = no_grad();
        var x = randn(1, 1, 96, 64);
        Tensor Probs(Tensor t) => conv.forward(t).sigmoid();
        var windowed = SlidingWindow.Probabilities(Probs, x, 32);
        Assert.Equal([1L, 3, 96, 64], windowed.shape);
        Assert.True(windowed.allclose(Probs(x), rtol: 0, atol: 1e-5));
    }

    [Fact]
    public void Windows_step_by_half_and_end_flush_with_the_edge_and_weights_peak_in_the_centre()
    {
        Assert.Equal([0, 16, 32], SlidingWindow.Starts(64, 32));
        Assert.Equal([0, 16, 32, 48, 52], SlidingWindow.Starts(84, 32));
        Assert.Equal([0], SlidingWindow.Starts(32, 64));
        using var g = SlidingWindow.GaussianWeights(32);
        Assert.True(g[15, 15].item<float>() > 0.98f);
        Assert.True(g[0, 0].item<float>() < 0.01f && g[0, 0].item<float>() > 0);
    }
}
