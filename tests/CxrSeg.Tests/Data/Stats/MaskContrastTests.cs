using CxrSeg.Data.Cache;
using CxrSeg.Data.Stats;

namespace CxrSeg.Tests.Data.Stats;

public class MaskContrastTests
{
    [Fact]
    public void A_dense_square_on_a_flat_image_has_the_hand_computed_area_and_contrast()
    {
        const int n = 6;
        var image = new byte[n * n];
        var mask = new byte[2 * n * n];
        for (var y = 0; y < n; y++)
            for (var x = 1; x < n; x++) image[y * n + x] = 100; // column 0 is letterbox padding (0)
        foreach (var (x, y) in new[] { (2, 2), (3, 2), (2, 3), (3, 3) })
        {
            image[y * n + x] = 160;
            mask[y * n + x] = 1; // class 0; class 1 stays empty
        }
        var set = new InMemoryPreparedSet("t", n, ["square", "absent"], TargetKind.Mask, [image], [mask], null, null, new DatasetSplits([0], [], [], []));

        var r = MaskContrast.Compute(set);

        // Ring (1 px at this size): the 12 pixels around the square, all 100. Non-padding pixels: 4 × 160 and 26 × 100,
        // mean 108, variance (4·52² + 26·8²)/30 = 416. Contrast = (160 − 100) / √416.
        Assert.Equal(1, MaskContrast.RingWidth(n));
        Assert.Equal(1, r[0].Images);
        Assert.Equal(100.0 * 4 / 36, r[0].MedianAreaPercent, 9);
        Assert.Equal(60 / Math.Sqrt(416), r[0].MedianContrast, 9);
        Assert.Equal(r[0].MedianContrast, r[0].MedianAbsContrast, 9);
        Assert.Equal(0, r[1].Images);
        Assert.True(double.IsNaN(r[1].MedianContrast));
    }

    [Fact]
    public void A_label_cache_is_refused_by_name()
    {
        var set = new InMemoryPreparedSet("chexpert", 4, ["a"], TargetKind.Labels, [new byte[16]], null, [[1f]], null, new DatasetSplits([0], [], [], []));
        Assert.Contains("chexpert", Assert.Throws<UserFacingException>(() => MaskContrast.Compute(set)).Message);
    }
}
