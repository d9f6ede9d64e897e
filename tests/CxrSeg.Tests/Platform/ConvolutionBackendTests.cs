using CxrSeg.Platform;
using static TorchSharp.torch;

namespace CxrSeg.Tests.Platform;

public sealed class ConvolutionBackendTests
{
    [Fact]
    public void OneDnnSwitch_TurnsOffAndOn_AndConvolutionsAgree()
    {
        TorchRuntime.Initialize();
        Assert.Equal(true, ConvolutionBackend.OneDnnEnabled());
        using var x = randn(2, 3, 16, 16, generator: new Generator(1));
        using var w = randn(5, 3, 3, 3, generator: new Generator(2));
        using var withOneDnn = nn.functional.conv2d(x, w, padding: [1, 1]);
        try
        {
            Assert.True(ConvolutionBackend.TrySetOneDnn(false, out var why), why);
            Assert.Equal(false, ConvolutionBackend.OneDnnEnabled());
            using var native = nn.functional.conv2d(x, w, padding: [1, 1]);
            Assert.True(native.allclose(withOneDnn, rtol: 1e-4, atol: 1e-4));
        }
        finally
        {
            Assert.True(ConvolutionBackend.TrySetOneDnn(true, out _));
        }
        Assert.Equal(true, ConvolutionBackend.OneDnnEnabled());
    }
}
