using CxrSeg.Predict;

namespace CxrSeg.Tests.Predict;

public sealed class PredictWindowTests
{
    [Fact]
    public void Predict_by_windows_equals_the_single_pass_for_a_pointwise_model_and_a_covering_window()
    {
        using var bright = PredictFixtures.Brightness(classes: 2, size: 64);
        var image = PredictFixtures.Rect(90, 70, 10, 10, 50, 40);
        var single = new Predictor(bright, new PredictOptions()).Predict([image])[0];
        var windows = new Predictor(bright, new PredictOptions { Window = 32 }).Predict([image])[0];
        Assert.Equal(single.Masks[0], windows.Masks[0]);
        Assert.Equal(single.Masks[1], windows.Masks[1]);

        using var unet = PredictFixtures.RandomUnet();
        var noise = PredictFixtures.Noise(40, 30, 2);
        var a = new Predictor(unet, new PredictOptions()).Predict([noise])[0];
        var b = new Predictor(unet, new PredictOptions { Window = PredictFixtures.Size }).Predict([noise])[0];
        for (var k = 0; k < a.Masks.Count; k++) Assert.Equal(a.Masks[k], b.Masks[k]);
        Assert.Contains("--window", Assert.Throws<UserFacingException>(() => new PredictOptions { Window = 40 }.Validate()).Message);
    }
}
