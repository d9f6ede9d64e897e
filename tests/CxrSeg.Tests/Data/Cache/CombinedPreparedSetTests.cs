using CxrSeg.Data.Cache;

namespace CxrSeg.Tests.Data.Cache;

public sealed class CombinedPreparedSetTests
{
    private static InMemoryPreparedSet Masks(string name, string[] classes, int count, byte fill, DatasetSplits splits, int size = 4)
    {
        var n = size * size;
        var images = Enumerable.Range(0, count).Select(i => Enumerable.Repeat((byte)(fill + i), n).ToArray()).ToArray();
        var masks = Enumerable.Range(0, count).Select(i =>
        {
            var m = new byte[classes.Length * n];
            for (var c = 0; c < classes.Length; c++) m[c * n + c] = 1; // channel c has pixel c on
            return m;
        }).ToArray();
        return new InMemoryPreparedSet(name, size, classes, TargetKind.Mask, images, masks, null, null, splits);
    }

    [Fact]
    public void Classes_AreUnited_EachImageIsLabelledOnlyForItsOwnSetsClasses_AndSplitsAreOffset()
    {
        var a = Masks("jsrt", ["Right Lung", "Heart"], 3, 10, new DatasetSplits([0, 1], [2], [], []));
        var b = Masks("chestxdet", ["Effusion", "heart"], 2, 50, new DatasetSplits([1], [], [0], []));
        using var set = new CombinedPreparedSet([a, b]);
        Assert.Equal(["Right Lung", "Heart", "Effusion"], set.ClassNames);
        Assert.Equal(("jsrt+chestxdet", 5, TargetKind.Mask), (set.Name, set.Count, set.Target));
        Assert.Equal([0, 1, 4], set.Splits.Train);
        Assert.Equal([2], set.Splits.Validation);
        Assert.Equal([3], set.Splits.Test);

        var labelled = new byte[3];
        set.CopyLabelled(0, labelled);
        Assert.Equal(new byte[] { 1, 1, 0 }, labelled);
        set.CopyLabelled(4, labelled);
        Assert.Equal(new byte[] { 0, 1, 1 }, labelled);

        var mask = new byte[3 * 16];
        set.CopyMask(3, mask); // b's image 0: its "Effusion" (own channel 0) → channel 2, "heart" (own 1) → channel 1
        Assert.Equal(1, mask[2 * 16 + 0]);
        Assert.Equal(1, mask[1 * 16 + 1]);
        Assert.Equal(2, mask.Sum(v => v));
        var image = new byte[16];
        set.CopyImage(4, image);
        Assert.All(image, v => Assert.Equal(51, v));
        Assert.Equal("chestxdet/img0001", set.Id(4));
    }

    [Fact]
    public void DifferentSizesAreRefusedNamingBothSets_AndMixedTargetsGiveAClasslessSetForAutoencoders()
    {
        var a = Masks("jsrt", ["Heart"], 1, 0, new DatasetSplits([0], [], [], []));
        var small = Masks("own", ["Heart"], 1, 0, new DatasetSplits([0], [], [], []), size: 2);
        var e = Assert.Throws<UserFacingException>(() => new CombinedPreparedSet([a, small]));
        Assert.Contains("'jsrt' is 4²", e.Message);
        Assert.Contains("'own' is 2²", e.Message);

        var labels = new InMemoryPreparedSet("nih14", 4, ["Mass"], TargetKind.Labels, [new byte[16]], null, [[1f]], null, new DatasetSplits([0], [], [], []));
        using var mixed = new CombinedPreparedSet([a, labels]);
        Assert.Empty(mixed.ClassNames);
        Assert.Equal(2, mixed.Count);
    }
}
