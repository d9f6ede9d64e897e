using static TorchSharp.torch;

namespace CxrSeg.Tests.Platform;

public sealed class TorchSmokeTests
{
    [Fact]
    public void Matmul_gives_the_known_product()
    {
        using var a = tensor(new float[] { 1, 2, 3, 4 }, 2, 2);
        using var b = tensor(new float[] { 5, 6, 7, 8 }, 2, 2);
        using var c = matmul(a, b);
        Assert.Equal(new float[] { 19, 22, 43, 50 }, c.data<float>().ToArray());
    }

    [Fact]
    public void Conv_forward_and_backward_give_known_values()
    {
        // 1×1×3×3 input of ones, 2×2 kernel of ones, no padding: every output is 4; d(sum)/dw = 4 per weight.
        using var x = ones(1, 1, 3, 3);
        using var w = ones(new long[] { 1, 1, 2, 2 }, requires_grad: true);
        using var y = nn.functional.conv2d(x, w);
        Assert.Equal(new long[] { 1, 1, 2, 2 }, y.shape);
        Assert.All(y.data<float>().ToArray(), v => Assert.Equal(4f, v));
        using var loss = y.sum();
        loss.backward();
        Assert.All(w.grad!.data<float>().ToArray(), g => Assert.Equal(4f, g));
    }
}
