using CxrSeg.Data.Cache;
using CxrSeg.Stages;
using CxrSeg.Training;

namespace CxrSeg.Tests.Training;

public sealed class ClassWeightsTests
{
    [Fact]
    public void Auto_weights_are_inverse_square_roots_of_frequency_with_mean_one()
    {
        // raw 1/√0.25 = 2, 1/√0.01 = 10, unknown → their mean 6; mean of (2, 10, 6) = 6.
        var w = ClassWeights.FromFrequencies([0.25, 0.01, double.NaN]);
        Assert.Equal(1 / 3.0, w[0], 9);
        Assert.Equal(5 / 3.0, w[1], 9);
        Assert.Equal(1.0, w[2], 9);
        Assert.Equal(1 / Math.Sqrt(ClassWeights.MinFrequency), ClassWeights.FromFrequencies([0, 1])[0] / ClassWeights.FromFrequencies([0, 1])[1], 6);
    }

    [Fact]
    public void Frequencies_count_only_images_where_the_class_is_labelled()
    {
        const int s = 4;
        var m0 = new byte[2 * s * s];
        for (var k = 0; k < 4; k++) m0[k] = 1;   // class 0: 4 pixels
        m0[s * s] = m0[s * s + 1] = 1;            // class 1: 2 pixels
        var m1 = new byte[2 * s * s];
        m1[s * s + 5] = 1;                        // class 1 in an image where it is not labelled
        var data = new InMemoryPreparedSet("w", s, ["a", "b"], TargetKind.Mask, [new byte[s * s], new byte[s * s]], [m0, m1], null,
            [[1, 1], [1, 0]], new DatasetSplits([0, 1], [], [], []));
        Assert.Equal([4 / 32.0, 2 / 16.0], ClassWeights.PixelFrequencies(data, [0, 1]));
        Assert.Null(ClassWeights.Resolve(new TrainOptions(), data, [0, 1])!);
        Assert.Equal([1.0, 3.0], ClassWeights.Resolve(new TrainOptions { ClassWeights = "1, 3" }, data, [0, 1])!);
        Assert.Equal([1.0, 1.0], ClassWeights.Resolve(new TrainOptions { ClassWeights = "auto" }, data, [0, 1])!);
        Assert.Contains("2 classes", Assert.Throws<UserFacingException>(() => ClassWeights.Resolve(new TrainOptions { ClassWeights = "1,2,3" }, data, [0])).Message);
    }

    [Theory]
    [InlineData("1,x", "'x'")]
    [InlineData("0,0", "above 0")]
    [InlineData("-1,2", "'-1'")]
    public void Bad_weights_are_refused_naming_the_class_weights(string text, string part)
    {
        var e = Assert.Throws<UserFacingException>(() => new TrainOptions { ClassWeights = text }.Validate());
        Assert.Contains("class weights", e.Message);
        Assert.Contains(part, e.Message);
    }

    [Fact]
    public void Skeleton_classes_by_name_index_or_devices()
    {
        var names = CxrSeg.Data.Ccxs.CcxsClasses.Names;
        Assert.Equal(5, SkeletonClasses.Resolve("devices", names).Count(f => f));
        Assert.True(SkeletonClasses.Resolve("devices", names)[8]);
        Assert.Equal([true, false, true], SkeletonClasses.Resolve("0, c", ["a", "b", "C"]));
        Assert.All(SkeletonClasses.Resolve("", ["a", "b"]), Assert.True);
        Assert.Contains("'z'", Assert.Throws<UserFacingException>(() => SkeletonClasses.Resolve("z", ["a"])).Message);
        Assert.Contains("index 4", Assert.Throws<UserFacingException>(() => SkeletonClasses.Resolve("4", ["a"])).Message);
    }
}
