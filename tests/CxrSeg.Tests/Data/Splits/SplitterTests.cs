using CxrSeg.Data.Splits;

namespace CxrSeg.Tests.Data.Splits;

public sealed class SplitterTests
{
    [Fact]
    public void PatientSplit_IsSeeded_Disjoint_AndNearSeventyFifteenFifteen()
    {
        var patients = Enumerable.Range(0, 300).Select(i => $"p{i / 3}").ToArray();
        var a = PatientSplitter.Split(patients, 7);
        var b = PatientSplitter.Split(patients, 7);
        var c = PatientSplitter.Split(patients, 8);
        Assert.Equal(a.Train, b.Train);
        Assert.NotEqual(a.Train, c.Train);
        Assert.Equal((210, 45, 45), (a.Train.Count, a.Validation.Count, a.Test.Count));
        Assert.Empty(a.Train.Select(i => patients[i]).Intersect(a.Test.Select(i => patients[i])));
    }

    [Fact]
    public void CcxsSplit_CoversEveryClassButPneumothorax_AndKeepsItInTraining()
    {
        var rng = new Random(3);
        var present = Enumerable.Range(0, 100).Select(i =>
        {
            var p = new byte[13];
            for (int c = 0; c < 4; c++) p[c] = 1;
            for (int c = 4; c < 13; c++) p[c] = (byte)(rng.NextDouble() < 0.15 ? 1 : 0);
            p[7] = (byte)(i == 42 ? 1 : 0);
            p[6] = (byte)(i is 42 or 77 ? 1 : 0); // one pleural effusion image shares the pneumothorax image
            return p;
        }).ToArray();
        var patients = Enumerable.Range(0, 100).Select(i => $"P{i / 2}").ToArray();
        foreach (var variant in new[] { CcxsSplitVariant.Paper, CcxsSplitVariant.PatientDisjoint })
        {
            var r = CcxsSplitter.Split(present, patients, 1, variant);
            Assert.Equal(10, r.Splits.Test.Count);
            Assert.Equal(90, r.Splits.Train.Count);
            Assert.Contains(42, r.Splits.Train);
            Assert.Equal(9, r.Splits.Partitions.Count);
            Assert.Equal(r.Splits.Train.Order(), r.Splits.Partitions.SelectMany(p => p).Order());
            Assert.Empty(r.UncoveredClasses);
            foreach (var c in Enumerable.Range(0, 13).Where(c => c != 7))
                Assert.Contains(r.Splits.Test, i => present[i][c] == 1);
            if (variant == CcxsSplitVariant.PatientDisjoint) Assert.Equal(0, r.TestImagesSharingPatientWithTrain);
            Assert.Equal(r.Splits.Test, CcxsSplitter.Split(present, patients, 1, variant).Splits.Test);
        }
    }
}
