using CxrSeg.Data.CheXpert;
using CxrSeg.Data.Prepare;
using CxrSeg.Data.Cache;
using CxrSeg.Tests.Data.Images;
using CxrSeg.Tests.Support;

namespace CxrSeg.Tests.Data.CheXpert;

public sealed class CheXpertReaderTests
{
    private static string Header(bool underscores)
    {
        var h = string.Join(",", CheXpertLabels.CsvColumns);
        return underscores ? h.Replace(' ', '_') : h;
    }

    // Labels: No Finding, Enl. Cardiomed., Cardiomegaly, Lung Opacity, Lung Lesion, Edema, Consolidation, Pneumonia,
    // Atelectasis, Pneumothorax, Pleural Effusion, Pleural Other, Fracture, Support Devices
    private static string Row(string path, string view, string labels) => $"{path},Female,68,{view},{(view == "Frontal" ? "AP" : "")},{labels}";

    private static void Write(string root, bool underscores, int patients = 0)
    {
        var dir = Path.Combine(root, "CheXpert-v1.0-small");
        Directory.CreateDirectory(dir);
        var lines = new List<string>
        {
            Header(underscores),
            Row("CheXpert-v1.0-small/train/patient00001/study1/view1_frontal.jpg", "Frontal", ",,,-1.0,,-1.0,-1.0,,-1.0,0.0,-1.0,,,1.0"),
            Row("/mnt/data/CheXpert-v1.0-small/train/patient00002/study3/view2_frontal.jpg", "Frontal", "1.0,,,,,,,,,,,,,"),
            Row("CheXpert-v1.0-small/train/patient00002/study3/view1_lateral.jpg", "Lateral", "1.0,,,,,,,,,,,,,"),
            Row("CheXpert-v1.0-small/train/patient00003/study1/view1_frontal.jpg", "Frontal", "1.0,,,,,,,,,,,,,") + ",extra",
            Row("CheXpert-v1.0-small/train/patient00004/study1/view1_frontal.jpg", "Frontal", "2.0,,,,,,,,,,,,,"),
        };
        for (int p = 10; p < 10 + patients; p++)
            for (int s = 1; s <= 2; s++)
                lines.Add(Row($"CheXpert-v1.0-small/train/patient{p:D5}/study{s}/view1_frontal.jpg", "Frontal", "0.0,,1.0,,,,,,,,,,,"));
        File.WriteAllLines(Path.Combine(dir, "train.csv"), lines);
        File.WriteAllLines(Path.Combine(dir, "valid.csv"), [Header(underscores), Row("CheXpert-v1.0-small/valid/patient64541/study1/view1_frontal.jpg", "Frontal", "0.0,1.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0")]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Reads_HeadersWithSpacesOrUnderscores_AbsolutePrefixes_AndDropsLaterals(bool underscores)
    {
        using var t = new TempDir();
        Write(t.Path, underscores);
        var ds = CheXpertReader.Read(t.Path);
        Assert.Equal(3, ds.Records.Count);
        Assert.Equal(1, ds.LateralsDropped);
        Assert.Equal("CheXpert-v1.0-small/train/patient00002/study3/view2_frontal.jpg", ds.Records[1].RelativePath);
        Assert.Equal("00002", ds.Records[1].PatientId);
        Assert.Contains(ds.Warnings, w => w.Contains("line 5") && w.Contains("fields"));
        Assert.Contains(ds.Warnings, w => w.Contains("line 6") && w.Contains("No Finding") && w.Contains("2.0"));
        Assert.Equal(4, CheXpertReader.Read(t.Path, CheXpertViewFilter.All).Records.Count);
    }

    [Fact]
    public void UncertaintyPolicies_FollowThePaperByDefault()
    {
        using var t = new TempDir();
        Write(t.Path, false);
        var r = CheXpertReader.Read(t.Path).Records[0];
        var paper = r.Targets(UncertaintyPolicy.Paper);
        int I(string n) => CheXpertLabels.All.ToList().IndexOf(n);
        Assert.Equal(1f, paper[I("Atelectasis")]);
        Assert.Equal(1f, paper[I("Edema")]);
        Assert.Equal(1f, paper[I("Pleural Effusion")]);
        Assert.Equal(0f, paper[I("Lung Opacity")]);   // uncertain → U-Zeros
        Assert.Equal(0f, paper[I("Consolidation")]);
        Assert.Equal(0f, paper[I("No Finding")]);     // empty → 0
        Assert.Equal(1f, paper[I("Support Devices")]);
        Assert.Equal(1f, r.Targets(UncertaintyPolicy.Ones)[I("Lung Opacity")]);
        Assert.Equal(0f, r.Targets(UncertaintyPolicy.Zeros)[I("Edema")]);
    }

    [Fact]
    public void Prepare_SplitsByPatient_AndRejectsMissingImages()
    {
        using var t = new TempDir();
        Write(t.Path, false, patients: 20);
        var ds = CheXpertReader.Read(t.Path);
        foreach (var r in ds.Records.Where(r => !r.RelativePath.Contains("patient00010")))
        {
            var p = ds.ImagePath(r);
            Directory.CreateDirectory(Path.GetDirectoryName(p)!);
            ImageFixtures.Grey(p, 20, 24, (x, y) => (byte)(x + y), SkiaSharp.SKEncodedImageFormat.Jpeg);
        }
        var res = PrepareJob.Run(new PrepareOptions { Dataset = "chexpert", Source = t.Path, Workspace = t.File("ws"), Size = 16, Workers = 2 });
        Assert.Equal(2, res.Rejected); // both studies of patient 10 have no image file
        using var set = PreparedSet.Open(res.Directory);
        Assert.Equal(TargetKind.Labels, set.Target);
        Assert.Equal(res.Images, set.Count);
        var subsets = new[] { set.Splits.Train, set.Splits.Validation, set.Splits.Test };
        Assert.Equal(set.Count, subsets.Sum(s => s.Count));
        var patientsOf = subsets.Select(s => s.Select(set.PatientId).ToHashSet()).ToArray();
        Assert.Empty(patientsOf[0].Intersect(patientsOf[1]));
        Assert.Empty(patientsOf[0].Intersect(patientsOf[2]));
        Assert.Empty(patientsOf[1].Intersect(patientsOf[2]));
        var labels = new float[14];
        set.CopyLabels(0, labels);
        Assert.Equal(1f, labels[8]); // patient 1's uncertain Atelectasis → 1
        Assert.Equal(1, ((System.Text.Json.JsonElement)set.Manifest.SourceFacts["lateralsLeftOut"]).GetInt32());
    }

    [Fact]
    public void MissingCsv_IsAClearError()
    {
        using var t = new TempDir();
        Assert.Contains("train.csv", Assert.Throws<UserFacingException>(() => CheXpertReader.Read(t.Path)).Message);
    }
}
