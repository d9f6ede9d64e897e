using CxrSeg.Models;
using CxrSeg.Models.Diagnostics;

namespace CxrSeg.Tests.Models.Diagnostics;

public sealed class GradientCheckTests
{
    [Fact]
    public void SmallUnet_RepeatsItsGradients_AndAgreesWithFloat64()
    {
        var r = GradientCheck.Run(new GradientCheckOptions { Spec = new ModelSpec("unet", "resnet18", 1, 3), Size = 32, Passes = 3 });
        Assert.Equal(3, r.Passes);
        Assert.Equal(0, r.NonFinite);
        Assert.Equal(0, r.Differing);
        Assert.True(r.ReferenceError < 1e-3, $"float32 vs float64: {r.ReferenceError}");
        Assert.True(r.Sound, r.Summary);
        Assert.Contains("sound", r.Summary);
    }

    [Fact]
    public void PoisonedFreedMemory_DoesNotChangeTheGradients()
    {
        var r = GradientCheck.Run(new GradientCheckOptions { Spec = new ModelSpec("unet", "resnet18", 1, 4), Size = 32, Passes = 2, PoisonMiB = 8 });
        Assert.True(r.Sound, r.Summary);
    }

    [Fact]
    public void Result_IsNotSound_WhenAPassDiffers_OrFloat64Disagrees()
    {
        var spec = new ModelSpec("unet", "resnet18");
        Assert.False(new GradientCheckResult(spec, 64, 2, 10, 0, 1, 0.1, 1e-7, 5e-3, 0.1, "x").Sound);
        Assert.False(new GradientCheckResult(spec, 64, 2, 10, 1, 0, 0, 1e-7, 5e-3, 0.1, "x").Sound);
        Assert.False(new GradientCheckResult(spec, 64, 2, 10, 0, 0, 0, 0.5, 5e-3, 0.1, "x").Sound);
        Assert.False(new GradientCheckResult(spec, 64, 2, 10, 0, 0, 0, double.PositiveInfinity, 5e-3, 0.1, "x").Sound);
        Assert.True(new GradientCheckResult(spec, 64, 2, 10, 0, 0, 0, 1e-7, 5e-3, 0.1, "x").Sound);
    }

    [Theory]
    [InlineData(48, 2, 1)]
    [InlineData(64, 1, 1)]
    [InlineData(64, 2, 0)]
    public void Options_NameTheBadField(int size, int batch, int passes)
    {
        var o = new GradientCheckOptions { Size = size, Batch = batch, Passes = passes };
        var e = Assert.Throws<ArgumentException>(o.Validate);
        Assert.Contains("gradient check", e.Message);
    }
}
