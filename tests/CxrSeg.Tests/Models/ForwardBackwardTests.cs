using CxrSeg.Models;
using static TorchSharp.torch;

namespace CxrSeg.Tests.Models;

public sealed class ForwardBackwardTests
{
    public static TheoryData<string, string> Pairs()
    {
        var data = new TheoryData<string, string>();
        foreach (var a in ArchitectureRegistry.Names)
        foreach (var e in EncoderRegistry.Names)
            data.Add(a, e);
        return data;
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Every_pair_runs_forward_and_backward_at_64px_batch_2(string arch, string encoder)
    {
        manual_seed(1);
        var spec = new ModelSpec(arch, encoder, InChannels: 1, Classes: 3);
        using var net = ModelFactory.Create(spec);
        net.train();
        using var scope = NewDisposeScope();
        var x = randn(2, 1, 64, 64);
        var y = net.call(x);
        long[] expected = arch switch
        {
            "classifier" => [2, 3],
            "autoencoder" => [2, 1, 64, 64],
            _ => [2, 3, 64, 64],
        };
        Assert.Equal(expected, y.shape);
        y.square().mean().backward();
        foreach (var (name, p) in net.named_parameters())
        {
            Assert.True(p.grad is not null, $"{name} has no gradient");
            Assert.True(p.grad!.isfinite().all().item<bool>(), $"{name} has a non-finite gradient");
        }
        Assert.Contains(net.named_parameters(), np => np.parameter.grad!.abs().sum().item<float>() > 0);
    }

    [Fact]
    public void Training_on_a_batch_of_one_through_aspp_pooling_is_refused_and_eval_still_works()
    {
        using var net = ModelFactory.Create(new ModelSpec("deeplabv3", "resnet18", 1, 2));
        using var scope = NewDisposeScope();
        var x = randn(1, 1, 64, 64);
        net.train();
        var e = Assert.Throws<UserFacingException>(() => net.call(x));
        Assert.Contains("decoder.0.convs.4.2", e.Message);
        foreach (var (name, buffer) in net.named_buffers())
            if (name.EndsWith("running_var", StringComparison.Ordinal))
                Assert.True(buffer.isfinite().all().item<bool>(), name);
        net.eval();
        using (no_grad())
            Assert.Equal(new long[] { 1, 2, 64, 64 }, net.call(x).shape);
    }

    [Fact]
    public void Wrong_input_size_or_channels_is_a_clear_error()
    {
        using var net = ModelFactory.Create(new ModelSpec("unet", "resnet18", 1, 2));
        using var scope = NewDisposeScope();
        Assert.Contains("multiples of 32", Assert.Throws<UserFacingException>(() => net.call(zeros(2, 1, 48, 64))).Message);
        Assert.Contains("[batch, 1, H, W]", Assert.Throws<UserFacingException>(() => net.call(zeros(2, 3, 64, 64))).Message);
    }
}
