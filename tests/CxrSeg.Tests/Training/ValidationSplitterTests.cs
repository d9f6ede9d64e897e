using System.Text.Json.Nodes;
using CxrSeg.Data.Cache;
using CxrSeg.Data.Transforms;
using CxrSeg.Models;
using CxrSeg.Runs;
using CxrSeg.Stages;
using CxrSeg.Tests.Support;
using CxrSeg.Training;

namespace CxrSeg.Tests.Training;

public sealed class ValidationSplitterTests
{
    /// <summary>24 images of 8 patients (3 each), all in the train split, no validation split (like prepared CCXS).</summary>
    private static InMemoryPreparedSet NoValidation()
    {
        var d = TinyData.Segmentation(count: 24, partitions: false);
        var patients = Enumerable.Range(0, 24).Select(i => $"p{i / 3}").ToArray();
        byte[] Image(int i) { var b = new byte[d.Size * d.Size]; d.CopyImage(i, b); return b; }
        byte[] Mask(int i) { var b = new byte[d.ClassNames.Count * d.Size * d.Size]; d.CopyMask(i, b); return b; }
        return new InMemoryPreparedSet("ccxs-like", d.Size, d.ClassNames, TargetKind.Mask,
            Enumerable.Range(0, 24).Select(Image).ToArray(), Enumerable.Range(0, 24).Select(Mask).ToArray(), null, null,
            new DatasetSplits(Enumerable.Range(0, 20).ToArray(), [], [20, 21, 22, 23], []), patients: patients);
    }

    [Fact]
    public void Validation_is_drawn_by_whole_patients_seeded_and_disjoint_from_training()
    {
        var data = NoValidation();
        var (train, val) = ValidationSplitter.Split(data, 0.25, seed: 3);
        Assert.Equal(Enumerable.Range(0, 20), train.Concat(val).Order());
        Assert.Empty(train.Select(data.PatientId).Intersect(val.Select(data.PatientId)));
        Assert.True(val.Count >= 5);
        Assert.Equal(val, ValidationSplitter.Split(data, 0.25, seed: 3).Validation);
        Assert.NotEqual(val, ValidationSplitter.Split(data, 0.25, seed: 4).Validation);
    }

    [Fact]
    public void Plain_protocol_without_a_validation_split_trains_with_val_fraction_and_records_it()
    {
        using var tmp = new TempDir();
        var o = new TrainOptions { BatchSize = 4, MaxEpochs = 1, MaxStepsPerEpoch = 1, Patience = 0, Seed = 7, Augment = new AugmentOptions(Enabled: false) };
        var e = Assert.Throws<UserFacingException>(() => new Trainer().Run(o, NoValidation(), new ModelSpec("tiny", "tiny", 1, 3), TinyModels.Segmenter(1, 3), tmp.File("a")));
        Assert.Contains("--val-fraction", e.Message);

        var result = new Trainer().Run(o with { ValidationFraction = 0.2 }, NoValidation(), new ModelSpec("tiny", "tiny", 1, 3), TinyModels.Segmenter(1, 3), tmp.File("b"));
        Assert.NotNull(result.MetricsPath);
        var run = JsonNode.Parse(File.ReadAllText(Path.Combine(tmp.File("b"), RunFiles.Manifest)))!;
        Assert.Equal(0.2, run["options"]!["validationFraction"]!.GetValue<double>());
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    public void A_fraction_outside_0_1_or_with_another_protocol_is_refused(double f)
    {
        Assert.Contains("validation fraction", Assert.Throws<UserFacingException>(() => new TrainOptions { ValidationFraction = f }.Validate()).Message);
        Assert.Contains("plain", Assert.Throws<UserFacingException>(() => new TrainOptions { ValidationFraction = 0.2, Protocol = TrainProtocol.Rotating }.Validate()).Message);
    }
}
