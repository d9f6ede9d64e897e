using CxrSeg.Data.Cache;
using CxrSeg.Data.Transforms;
using static TorchSharp.torch;

namespace CxrSeg.Tests.Data.Transforms;

public sealed class CropSamplerTests
{
    private const int S = 64;

    /// <summary>A 64² set of two classes: a large block (class 0) and a 2×2 speck (class 1); the image encodes the masks (0: 10, class 0: 100, class 1: 200).</summary>
    private static InMemoryPreparedSet TwoClassSet(int count = 4)
    {
        var images = new byte[count][];
        var masks = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            var img = new byte[S * S];
            var mask = new byte[2 * S * S];
            for (var y = 0; y < S; y++)
            for (var x = 0; x < S; x++)
            {
                var p = y * S + x;
                img[p] = 10;
                if (x < 30 && y < 40) { mask[p] = 1; img[p] = 100; }
                if (x >= 50 + i && x < 52 + i && y >= 55 && y < 57) { mask[S * S + p] = 1; img[p] = 200; }
            }
            (images[i], masks[i]) = (img, mask);
        }
        var all = Enumerable.Range(0, count).ToArray();
        return new InMemoryPreparedSet("two", S, ["Block", "Speck"], TargetKind.Mask, images, masks, null, null, new DatasetSplits(all, [], [], []));
    }

    private static byte[] Mask(IPreparedSet data, int i)
    {
        var m = new byte[data.ClassNames.Count * data.Size * data.Size];
        data.CopyMask(i, m);
        return m;
    }

    [Fact]
    public void Foreground_crops_are_centred_on_a_pixel_of_the_chosen_class_and_prefer_the_rare_one()
    {
        var data = TwoClassSet();
        var sampler = new CropSampler(32, 1.0);
        var mask = Mask(data, 0);
        var speck = 0;
        for (var seed = 0; seed < 200; seed++)
        {
            var w = sampler.Choose(seed, S, mask, [1, 1]);
            Assert.InRange(w.Class, 0, 1);
            Assert.Equal(1, mask[w.Class * S * S + w.CentreY * S + w.CentreX]);
            Assert.InRange(w.CentreX - w.X, 0, 31);
            Assert.InRange(w.CentreY - w.Y, 0, 31);
            Assert.InRange(w.X, 0, S - 32);
            Assert.InRange(w.Y, 0, S - 32);
            if (w.Class == 1) speck++;
        }
        // 1/√4 against 1/√1200: the speck is drawn about 95% of the time.
        Assert.InRange(speck, 170, 200);
        Assert.Equal(sampler.Choose(5, S, mask, [1, 1]), sampler.Choose(5, S, mask, [1, 1]));
    }

    [Fact]
    public void An_unlabelled_or_absent_class_is_never_chosen_and_share_zero_is_uniform()
    {
        var mask = Mask(TwoClassSet(), 0);
        var fg = new CropSampler(32, 1.0);
        for (var seed = 0; seed < 50; seed++) Assert.Equal(0, fg.Choose(seed, S, mask, [1, 0]).Class);
        var uniform = new CropSampler(32, 0.0);
        for (var seed = 0; seed < 50; seed++) Assert.Equal(-1, uniform.Choose(seed, S, mask, [1, 1]).Class);
        Assert.Equal(-1, fg.Choose(1, S, new byte[2 * S * S], [1, 1]).Class);
    }

    [Fact]
    public void Cropped_batches_keep_image_and_masks_aligned_and_evaluation_batches_stay_whole()
    {
        var data = TwoClassSet();
        using var scope = NewDisposeScope();
        var norm = new Normalisation(0, 1);
        var builder = new BatchBuilder(data, BatchTarget.Masks, norm, 1, new AugmentOptions(RotationProbability: 0, BlurProbability: 0), CPU, new CropSampler(32, 0.5));
        var batch = builder.Build([0, 1, 2, 3], [11, 12, 13, 14]);
        Assert.Equal([4L, 1, 32, 32], batch.Inputs.shape);
        Assert.Equal([4L, 2, 32, 32], batch.Targets.shape);
        var pixels = (batch.Inputs * 255).round().to_type(ScalarType.Int32);
        var expected = batch.Targets[.., 0..1] * 90 + batch.Targets[.., 1..2] * 190 + 10;
        Assert.True(pixels.Equals(expected.to_type(ScalarType.Int32)), "every image pixel matches its mask pixels");
        var whole = new BatchBuilder(data, BatchTarget.Masks, norm, 1, null, CPU, new CropSampler(32, 0.5)).Build([0], null);
        Assert.Equal([1L, 1, S, S], whole.Inputs.shape);
    }

    [Fact]
    public void A_crop_larger_than_the_prepared_images_is_refused_naming_the_crop()
    {
        var e = Assert.Throws<UserFacingException>(() => new BatchBuilder(TwoClassSet(), BatchTarget.Masks, new Normalisation(), 1, null, CPU, new CropSampler(96, 0.3)));
        Assert.Contains("crop 96", e.Message);
    }
}
