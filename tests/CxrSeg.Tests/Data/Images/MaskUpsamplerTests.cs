using CxrSeg.Data.Images;
using CxrSeg.Predict;
using TorchSharp;
using static TorchSharp.torch;

namespace CxrSeg.Tests.Data.Images;

public sealed class MaskUpsamplerTests
{
    /// <summary>libtorch's own answer: crop, interpolate(bilinear, align_corners=False), ≥ threshold.</summary>
    private static byte[] Reference(float[] probs, int channels, int channel, Letterbox box, float t)
    {
        using var scope = NewDisposeScope();
        var s = box.Size;
        var content = tensor(probs, [channels, s, s])[channel]
            .narrow(0, box.OffsetY, box.ContentHeight).narrow(1, box.OffsetX, box.ContentWidth)
            .reshape(1, 1, box.ContentHeight, box.ContentWidth);
        var up = nn.functional.interpolate(content, [box.SourceHeight, box.SourceWidth], mode: InterpolationMode.Bilinear, align_corners: false);
        return up.ge(t).to(ScalarType.Byte).contiguous().data<byte>().ToArray();
    }

    private static float[] Smooth(int channels, int s, int seed)
    {
        // blobs: sums of a few Gaussians per channel, so that masks have large uniform areas and curved edges
        var rnd = new Random(seed);
        var p = new float[channels * s * s];
        for (var c = 0; c < channels; c++)
        {
            var blobs = Enumerable.Range(0, 3).Select(_ => (X: rnd.NextDouble() * s, Y: rnd.NextDouble() * s, R: 2 + rnd.NextDouble() * s / 3)).ToArray();
            for (var y = 0; y < s; y++)
                for (var x = 0; x < s; x++)
                    p[c * s * s + y * s + x] = (float)Math.Min(1, blobs.Sum(b => Math.Exp(-((x - b.X) * (x - b.X) + (y - b.Y) * (y - b.Y)) / (2 * b.R * b.R))));
        }
        return p;
    }

    [Theory]
    [InlineData(1024, 1024, 64)] // square, ×16
    [InlineData(700, 333, 32)]   // wide and odd: padded above and below
    [InlineData(90, 250, 64)]    // tall, upsampled in y only a little and downsampled in x
    [InlineData(64, 64, 64)]     // same size: identity
    [InlineData(20, 10, 64)]     // smaller than the square: downsampling
    public void Matches_libtorch_bilinear_then_threshold(int w, int h, int size)
    {
        var box = new Letterbox(w, h, size);
        const int channels = 3;
        foreach (var (probs, name) in new[] { (Smooth(channels, size, 7), "smooth"), (Noise(channels, size, 8), "noise") })
        {
            var ours = MaskUpsampler.Upsample(probs, channels, [0, 1, 2], box, 0.5f);
            for (var c = 0; c < channels; c++)
            {
                var reference = Reference(probs, channels, c, box, 0.5f);
                Assert.Equal(reference.Length, ours[c].Length);
                var differ = Enumerable.Range(0, reference.Length).Count(i => reference[i] != ours[c][i]);
                // only float rounding of values within an ulp or so of the threshold may differ
                Assert.True(differ <= reference.Length / 10000, $"{name} channel {c}: {differ} of {reference.Length} pixels differ from libtorch");
                Assert.Contains(reference, v => v == 1);
            }
        }
    }

    private static float[] Noise(int channels, int s, int seed)
    {
        var rnd = new Random(seed);
        return Enumerable.Range(0, channels * s * s).Select(_ => (float)rnd.NextDouble()).ToArray();
    }

    [Fact]
    public void Keeps_only_the_requested_channels_in_order()
    {
        var box = new Letterbox(50, 40, 32);
        var probs = new float[3 * 32 * 32];
        probs.AsSpan(2 * 32 * 32).Fill(0.9f); // channel 2: everywhere
        var masks = MaskUpsampler.Upsample(probs, 3, [0, 2], box, 0.5f);
        Assert.Equal(2, masks.Length);
        Assert.All(masks[0], v => Assert.Equal(0, v));
        Assert.All(masks[1], v => Assert.Equal(1, v));
        Assert.Equal(50 * 40, masks[1].Length);
    }

    [Fact]
    public void A_threshold_between_two_plateaus_gives_the_edge_where_libtorch_puts_it()
    {
        // left half 0.2, right half 0.8: the edge pixels depend on the exact source coordinates
        const int s = 32;
        var probs = new float[s * s];
        for (var y = 0; y < s; y++)
            for (var x = 0; x < s; x++) probs[y * s + x] = x < s / 2 ? 0.2f : 0.8f;
        var box = new Letterbox(300, 300, s);
        foreach (var t in new[] { 0.3f, 0.5f, 0.7f })
            Assert.Equal(Reference(probs, 1, 0, box, t), MaskUpsampler.Upsample(probs, 1, [0], box, t)[0]);
    }

    [Fact]
    public void Rejects_a_probability_buffer_of_the_wrong_size()
    {
        var e = Assert.Throws<ArgumentException>(() => MaskUpsampler.Upsample(new float[10], 1, [0], new Letterbox(8, 8, 4), 0.5f));
        Assert.Contains("expected 1×4×4", e.Message);
    }
}
