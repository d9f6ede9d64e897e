using CxrSeg.Data.Ccxs;
using CxrSeg.Predict;

namespace CxrSeg.Tests.Predict;

public sealed class FindingsCalculatorTests
{
    private const int W = 20, H = 10;

    private static byte[] Rect(int x0, int y0, int x1, int y1)
    {
        var m = new byte[W * H];
        for (var y = y0; y < y1; y++)
            for (var x = x0; x < x1; x++) m[y * W + x] = 1;
        return m;
    }

    [Fact]
    public void Areas_and_burden_match_hand_computed_values()
    {
        var names = CcxsClasses.Names;
        var masks = names.Select(_ => new byte[W * H]).ToArray();
        masks[CcxsClasses.RightLung] = Rect(0, 0, 10, 10);  // 100 px, image left
        masks[CcxsClasses.LeftLung] = Rect(10, 0, 20, 5);   // 50 px
        masks[4] = Rect(0, 0, 5, 4);                       // GGO 20 px, all in the right lung
        masks[5] = Rect(3, 0, 13, 2);                      // consolidation 20 px: 14 in right (x 3..9), 6 in left (x 10..12)
        masks[8] = Rect(9, 0, 11, 10);                     // ETT 20 px
        var f = FindingsCalculator.Compute(names, masks, W, H, presenceFraction: 0.01); // min 2 px

        Assert.Equal(100, f.Areas[0].Pixels);
        Assert.Equal(50.0, f.Areas[0].Percent, 9);
        var right = f.Burden.Single(b => b.Lung == "Right Lung");
        var left = f.Burden.Single(b => b.Lung == "Left Lung");
        Assert.Equal(20.0, right.GroundGlassPercent!.Value, 9);
        Assert.Equal(14.0, right.ConsolidationPercent!.Value, 9);
        // union in the right lung: GGO x0..4,y0..3 (20) ∪ cons x3..9,y0..1 (14), overlap x3..4,y0..1 (4) → 30
        Assert.Equal(30.0, right.OpacityPercent!.Value, 9);
        Assert.Equal(0.0, left.GroundGlassPercent!.Value, 9);
        Assert.Equal(12.0, left.ConsolidationPercent!.Value, 9); // 6 / 50
        Assert.Equal(100.0 * 36 / 150, f.TotalOpacityPercent!.Value, 9);
        Assert.False(f.EffusionPresent);
        Assert.False(f.PneumothoraxPresent);
        Assert.Equal(["Endotracheal tube"], f.DevicesPresent);
        Assert.Equal(2, f.PresenceMinPixels);
    }

    [Fact]
    public void A_tiny_speck_below_the_presence_threshold_is_not_a_finding()
    {
        var names = CcxsClasses.Names;
        var masks = names.Select(_ => new byte[W * H]).ToArray();
        masks[6] = Rect(0, 0, 1, 1); // 1 px effusion
        masks[7] = Rect(0, 0, 3, 3); // 9 px pneumothorax
        var f = FindingsCalculator.Compute(names, masks, W, H, presenceFraction: 0.02); // min 4 px
        Assert.False(f.EffusionPresent);
        Assert.True(f.PneumothoraxPresent);
        Assert.Null(f.TotalOpacityPercent); // empty lungs
    }

    [Fact]
    public void A_subset_of_classes_reports_unknown_findings_as_null()
    {
        var f = FindingsCalculator.Compute(["Right Lung"], [Rect(0, 0, 2, 2)], W, H);
        Assert.Null(f.EffusionPresent);
        Assert.Null(f.Burden.Single().GroundGlassPercent);
        Assert.Empty(f.DevicesPresent);
    }

    [Fact]
    public void A_mask_of_the_wrong_size_is_refused_with_its_class_name()
    {
        var e = Assert.Throws<ArgumentException>(() => FindingsCalculator.Compute(["Airways"], [new byte[3]], W, H));
        Assert.Contains("Airways", e.Message);
    }
}
