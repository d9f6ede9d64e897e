using CxrSeg.Data.Ccxs;
using CxrSeg.Data.Transforms;

namespace CxrSeg.Tests.Data.Transforms;

public sealed class AugmenterTests
{
    [Fact]
    public void Flip_mirrors_and_swaps_the_lung_channels_and_their_flags()
    {
        const int s = 4;
        var names = CcxsClasses.Names;
        var aug = new Augmenter(new AugmentOptions(), Augmenter.LungPairs(names));
        var image = new float[s * s];
        image[0] = 1; // top-left
        var mask = new byte[names.Count * s * s];
        mask[CcxsClasses.RightLung * s * s + 0] = 1; // right lung at image left
        var labelled = Enumerable.Repeat((byte)1, names.Count).ToArray();
        labelled[CcxsClasses.LeftLung] = 0;
        aug.Apply(new Augmenter.Decision(true, 0, 0), image, s, mask, labelled);
        Assert.Equal(1f, image[s - 1]);
        Assert.Equal(0f, image[0]);
        Assert.Equal(1, mask[CcxsClasses.LeftLung * s * s + s - 1]);
        Assert.Equal(0, mask.Skip(CcxsClasses.RightLung * s * s).Take(s * s).Sum(b => b));
        Assert.Equal(0, labelled[CcxsClasses.RightLung]);
        Assert.Equal(1, labelled[CcxsClasses.LeftLung]);
    }

    [Fact]
    public void Rotation_keeps_masks_binary_and_the_same_seed_repeats()
    {
        const int s = 32;
        var aug = new Augmenter(new AugmentOptions(RotationProbability: 1, BlurProbability: 1), []);
        float[] Img() => Enumerable.Range(0, s * s).Select(i => (i % s) / (float)s).ToArray();
        byte[] Mask() => Enumerable.Range(0, s * s).Select(i => (byte)(i % s < s / 2 ? 1 : 0)).ToArray();
        var (i1, m1, i2, m2) = (Img(), Mask(), Img(), Mask());
        var d = aug.Apply(11, i1, s, m1, null);
        aug.Apply(11, i2, s, m2, null);
        Assert.NotEqual(0, d.RotationDegrees);
        Assert.True(Math.Abs(d.RotationDegrees) <= 5);
        Assert.Equal(i1, i2);
        Assert.Equal(m1, m2);
        Assert.All(m1, b => Assert.True(b is 0 or 1));
        Assert.NotEqual(Mask(), m1);
    }
}
