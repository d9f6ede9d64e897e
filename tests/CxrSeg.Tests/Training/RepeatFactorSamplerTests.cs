using CxrSeg.Tests.Support;
using CxrSeg.Data.Cache;
using CxrSeg.Stages;
using CxrSeg.Training;

namespace CxrSeg.Tests.Training;

public sealed class RepeatFactorSamplerTests
{
    private const int S = 8;

    /// <summary>Four 8² images: class "Common" in all, class "Rare" only in image 2, class "Unlabelled" present in image 0 but labelled nowhere.</summary>
    private static InMemoryPreparedSet Set()
    {
        var images = new byte[4][];
        var masks = new byte[4][];
        var labelled = new byte[4][];
        for (var i = 0; i < 4; i++)
        {
            images[i] = new byte[S * S];
            var m = new byte[3 * S * S];
            m[5] = 1;
            if (i == 2) m[S * S + 9] = 1;
            if (i == 0) m[2 * S * S + 1] = 1;
            masks[i] = m;
            labelled[i] = [1, 1, 0];
        }
        var all = Enumerable.Range(0, 4).ToArray();
        return new InMemoryPreparedSet("rf", S, ["Common", "Rare", "Unlabelled"], TargetKind.Mask, images, masks, null, labelled, new DatasetSplits(all, [], [], []));
    }

    [Fact]
    public void Shares_and_factors_follow_the_square_root_rule()
    {
        var sampler = new RepeatFactorSampler(Set(), threshold: 1.0);
        var shares = sampler.ClassShares([0, 1, 2, 3]);
        Assert.Equal(1.0, shares[0]);
        Assert.Equal(0.25, shares[1]);
        Assert.True(double.IsNaN(shares[2]));
        // Rare: √(1 / 0.25) = 2; Common: max(1, √(1/1)) = 1; the unlabelled class never counts.
        Assert.Equal([1.0, 1.0, 2.0, 1.0], sampler.Factors([0, 1, 2, 3]));
        // With t = 0.5 the rare image's factor is √2; the shares are those of the images given.
        Assert.Equal(Math.Sqrt(2), new RepeatFactorSampler(Set(), 0.5).Factors([0, 1, 2, 3])[2], 12);
        Assert.Equal([1.0, Math.Sqrt(2)], sampler.Factors([1, 2]));
    }

    [Fact]
    public void An_epoch_repeats_whole_factors_exactly_and_fractions_on_average()
    {
        var order = new RepeatFactorSampler(Set(), 1.0).EpochOrder([0, 1, 2, 3], new Random(3));
        Assert.Equal([0, 1, 2, 2, 3], order.Order().ToArray());

        var sampler = new RepeatFactorSampler(Set(), 0.5);
        var rng = new Random(11);
        var draws = Enumerable.Range(0, 4000).Select(_ => sampler.EpochOrder([0, 1, 2, 3], rng)).ToArray();
        Assert.All(draws, d => Assert.Equal(3, d.Count(i => i != 2)));
        Assert.All(draws, d => Assert.InRange(d.Count(i => i == 2), 1, 2));
        Assert.InRange(draws.Average(d => d.Count(i => i == 2)), Math.Sqrt(2) - 0.03, Math.Sqrt(2) + 0.03);
    }

    [Fact]
    public void Classification_labels_count_as_presence()
    {
        var labels = new[] { new float[] { 1, 0 }, [1, 0], [1, 1], [0, 0] };
        var all = Enumerable.Range(0, 4).ToArray();
        var set = new InMemoryPreparedSet("cls", S, ["A", "B"], TargetKind.Labels, Enumerable.Range(0, 4).Select(_ => new byte[S * S]).ToArray(),
            null, labels, null, new DatasetSplits(all, [], [], []));
        // A in 3 of 4 → √(0.75/0.75) = 1; B in 1 of 4 → √(0.75/0.25) = √3.
        Assert.Equal([1.0, 1.0, Math.Sqrt(3), 1.0], new RepeatFactorSampler(set, 0.75).Factors(all));
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    public void The_option_is_checked_and_named(double t)
    {
        var e = Assert.Throws<UserFacingException>(() => new TrainOptions { RepeatThreshold = t }.Validate());
        Assert.Contains("repeat threshold", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new RepeatFactorSampler(Set(), 0));
    }

    [Fact]
    public void The_plan_key_and_the_flag_set_the_option()
    {
        var option = TrainOptions.PlanOption("repeatThreshold");
        Assert.NotNull(option);
        Assert.Equal("--repeat-threshold", option!.Flag);
    }
}

public sealed class RepeatFactorTrainingTests
{
    private static int StepsOfFirstEpoch(TrainOptions o)
    {
        using var tmp = new TempDir();
        var data = TinyData.Segmentation(count: 16, size: 32, partitions: false);
        new Trainer().Run(o, data, new CxrSeg.Models.ModelSpec("tiny", "tiny", 1, 3), TinyModels.Segmenter(1, 3), tmp.Path);
        var row = File.ReadAllLines(Path.Combine(tmp.Path, "history.csv"))[1].Split(',');
        return int.Parse(row[9], System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public void Training_with_repeat_factors_takes_more_steps_per_epoch_from_the_rare_class_images()
    {
        var o = new TrainOptions { MaxEpochs = 1, BatchSize = 1, Patience = 0 };
        var plain = StepsOfFirstEpoch(o);
        var repeated = StepsOfFirstEpoch(o with { RepeatThreshold = 1 });
        Assert.True(repeated > plain, $"{repeated} steps with repeat factors, {plain} without");
    }
}
