using CxrSeg.Data.Cache;
using CxrSeg.Data.Images;
using CxrSeg.Predict;
using CxrSeg.Tests.Support;

namespace CxrSeg.Tests.Predict;

public sealed class TestOverlaysTests
{
    [Fact]
    public void Renders_truth_and_prediction_side_by_side_per_image()
    {
        const int s = PredictFixtures.Size;
        using var model = PredictFixtures.Brightness(classes: 2);
        var images = new[] { PredictFixtures.Rect(s, s, 4, 4, 14, 28).Pixels, PredictFixtures.Rect(s, s, 18, 4, 28, 28).Pixels };
        var masks = images.Select(im => im.Select(v => v > 0 ? (byte)1 : (byte)0).Concat(new byte[s * s]).ToArray()).ToArray();
        var data = new InMemoryPreparedSet("ccxs", s, model.ClassNames, TargetKind.Mask, images, masks, null, null,
            new DatasetSplits([], [], [0, 1], []), ids: ["a.png", "b/c.png"]);
        using var tmp = new TempDir();

        var paths = TestOverlays.Render(model, data, data.Splits.Test, tmp.Path, minPanel: 64);

        Assert.Equal(2, paths.Count);
        Assert.Equal(["a_png.png", "b_c_png.png"], paths.Select(Path.GetFileName));
        var header = SkiaImageDecoder.ReadHeader(paths[0]);
        Assert.True(header.Width > 2 * 64, $"width {header.Width} does not hold two 64-px panels");
        Assert.True(header.Height >= 64);
        var rgba = SkiaImageDecoder.DecodeRgba(paths[0], out var w, out var h);
        Assert.Contains(Enumerable.Range(0, w * h), i => rgba[4 * i] != rgba[4 * i + 1]); // coloured, not grey only
    }
}
