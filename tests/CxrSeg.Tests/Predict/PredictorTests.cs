using CxrSeg.Data.Ccxs;
using CxrSeg.Data.Images;
using CxrSeg.Predict;
using static TorchSharp.torch;

namespace CxrSeg.Tests.Predict;

public sealed class PredictorTests
{
    [Theory]
    [InlineData(37, 53)]
    [InlineData(101, 29)]
    [InlineData(64, 64)]
    [InlineData(1, 7)]
    public void Masks_come_back_at_the_original_size(int w, int h)
    {
        using var model = PredictFixtures.RandomUnet();
        var p = new Predictor(model, new PredictOptions()).Predict([PredictFixtures.Noise(w, h, 5)]).Single();
        Assert.Equal((w, h), (p.Width, p.Height));
        Assert.Equal(CcxsClasses.All.Count, p.Masks.Count);
        Assert.All(p.Masks, m => Assert.Equal(w * h, m.Length));
        Assert.All(p.Masks, m => Assert.All(m, v => Assert.True(v is 0 or 1)));
    }

    [Theory]
    [InlineData(91, 37, 20, 5, 61, 30)]   // wide: padded above and below
    [InlineData(45, 130, 5, 40, 30, 100)] // tall and odd: padded left and right
    public void Masks_are_mapped_back_onto_the_object_in_the_original_image(int w, int h, int x0, int y0, int x1, int y1)
    {
        using var model = PredictFixtures.Brightness(classes: 1);
        var img = PredictFixtures.Rect(w, h, x0, y0, x1, y1);
        var m = new Predictor(model, new PredictOptions()).Predict([img]).Single().Masks[0];
        long inter = 0, union = 0;
        for (var i = 0; i < m.Length; i++)
        {
            var t = img.Pixels[i] > 0;
            var pr = m[i] != 0;
            if (t && pr) inter++;
            if (t || pr) union++;
        }
        // a 32² model sees the image at 1/3–1/4 scale: edges may move by a pixel or two, nothing more
        Assert.True(inter / (double)union > 0.8, $"IoU with the drawn rectangle is {inter / (double)union:0.###}");
        Assert.Equal(0, m[0]);                 // the black corner stays background
        Assert.Equal(1, m[((y0 + y1) / 2) * w + (x0 + x1) / 2]);
    }

    [Fact]
    public void Batched_and_single_predictions_agree()
    {
        using var model = PredictFixtures.RandomUnet();
        var imgs = new[] { PredictFixtures.Noise(40, 33, 1), PredictFixtures.Noise(20, 50, 2), PredictFixtures.Noise(32, 32, 3) };
        var batched = new Predictor(model, new PredictOptions { BatchSize = 3 }).Predict(imgs);
        var single = new Predictor(model, new PredictOptions { BatchSize = 1 }).Predict(imgs);
        for (var i = 0; i < imgs.Length; i++)
            for (var c = 0; c < 13; c++)
            {
                var diff = batched[i].Masks[c].Zip(single[i].Masks[c]).Count(z => z.First != z.Second);
                Assert.True(diff <= batched[i].Masks[c].Length / 200, $"image {i} class {c}: {diff} pixels differ");
            }
    }

    [Fact]
    public void Tta_on_a_symmetric_input_is_flip_consistent_with_lungs_swapped()
    {
        using var model = PredictFixtures.RandomUnet(seed: 11);
        var s = PredictFixtures.Size;
        var half = PredictFixtures.Noise(s / 2, s, 9);
        var px = new byte[s * s];
        for (var y = 0; y < s; y++)
            for (var x = 0; x < s / 2; x++) px[y * s + x] = px[y * s + (s - 1 - x)] = half.Pixels[y * (s / 2) + x];
        var img = new GreyImage(s, s, px);
        var box = new Letterbox(s, s, s);

        double Asymmetry(bool tta)
        {
            var pred = new Predictor(model, new PredictOptions { Tta = tta });
            using var input = pred.Input([img], [box]);
            using var p = pred.Probabilities(input);
            using var mirrored = p.flip(3).index_select(1, tensor(SwappedOrder()));
            return (p - mirrored).abs().max().item<float>();
        }

        Assert.True(Asymmetry(tta: false) > 1e-3, "a random network should not be flip-consistent by itself (the test would be void)");
        Assert.True(Asymmetry(tta: true) < 1e-5, $"TTA output differs from its lung-swapped mirror by {Asymmetry(true)}");
    }

    [Fact]
    public void Tta_flips_the_flipped_prediction_back_onto_the_object()
    {
        using var model = PredictFixtures.Brightness(classes: 2);
        var img = PredictFixtures.Rect(50, 40, 5, 5, 20, 30);
        var plain = new Predictor(model, new PredictOptions()).Predict([img]).Single();
        var tta = new Predictor(model, new PredictOptions { Tta = true }).Predict([img]).Single();
        // an object on the image left must stay on the left, not be mirrored to the right
        for (var c = 0; c < 2; c++)
            Assert.Equal(plain.Masks[c].Count(v => v != 0), tta.Masks[c].Count(v => v != 0));
        Assert.Equal(1, tta.Masks[0][15 * 50 + 10]);
        Assert.Equal(0, tta.Masks[0][15 * 50 + 40]);
    }

    [Fact]
    public void A_class_subset_keeps_only_those_channels_in_model_order()
    {
        using var model = PredictFixtures.RandomUnet();
        var pred = new Predictor(model, new PredictOptions { Classes = ["pneumothorax", "Right Lung"] });
        Assert.Equal(["Right Lung", "Pneumothorax"], pred.ClassNames);
        Assert.Equal(2, pred.Predict([PredictFixtures.Noise(20, 20, 1)]).Single().Masks.Count);
        var e = Assert.Throws<UserFacingException>(() => new Predictor(model, new PredictOptions { Classes = ["Spleen"] }));
        Assert.Contains("Spleen", e.Message);
    }

    private static long[] SwappedOrder()
    {
        var order = Enumerable.Range(0, 13).Select(i => (long)i).ToArray();
        (order[CcxsClasses.RightLung], order[CcxsClasses.LeftLung]) = (order[CcxsClasses.LeftLung], order[CcxsClasses.RightLung]);
        return order;
    }
}
