using CxrSeg.Data.Cache;
using CxrSeg.Data.CheXpert;
using CxrSeg.Data.Ieee8023;
using CxrSeg.Data.Images;
using CxrSeg.Data.Prepare;
using CxrSeg.Data.Stats;
using CxrSeg.Tests.Data.MaskFolders;
using CxrSeg.Tests.Support;

namespace CxrSeg.Tests.Data.Ieee8023;

public sealed class Ieee8023Tests
{
    private const string Header = "patientid,offset,sex,age,finding,survival,intubated,intubation_present,went_icu,in_icu,needed_supplemental_O2,extubated,temperature,pO2_saturation,leukocyte_count,neutrophil_count,lymphocyte_count,view,modality,date,location,folder,filename,doi,url,license,clinical_notes,other_notes,";

    private static string Row(string patient, string finding, string view, string file, string modality = "X-ray", string folder = "images") =>
        $"{patient},0,M,50,\"{finding}\",,,,,,,,,,,,,{view},{modality},2020,\"Somewhere, Some City\",{folder},{file},,,CC BY,\"notes, with commas\",,";

    /// <summary>Images: a.jpg holds PNG data (as upstream), b.png, c.png a copy of b's pixels under another patient, d.png lateral, e.png todo.</summary>
    private static void Write(string root, params string[] extraRows)
    {
        var images = Directory.CreateDirectory(Path.Combine(root, "images")).FullName;
        PngWriter.WriteGrey8(Path.Combine(images, "a.jpg"), new GreyImage(48, 64, MaskFolderFixtures.Radiograph(1, 48, 64)));
        PngWriter.WriteGrey8(Path.Combine(images, "b.png"), new GreyImage(64, 64, MaskFolderFixtures.Radiograph(2)));
        PngWriter.WriteGrey8(Path.Combine(images, "c.png"), new GreyImage(64, 64, MaskFolderFixtures.Radiograph(2)));
        PngWriter.WriteGrey8(Path.Combine(images, "d.png"), new GreyImage(64, 64, MaskFolderFixtures.Radiograph(4)));
        PngWriter.WriteGrey8(Path.Combine(images, "e.png"), new GreyImage(64, 64, MaskFolderFixtures.Radiograph(5)));
        string[] rows =
        [
            Row("10", "COVID-19, ARDS", "PA", "a.jpg"),
            Row("11", "Pneumonia/Viral/COVID-19", "AP Supine", "b.png"),
            Row("12", "No Finding", "AP", "c.png"),
            Row("13", "COVID-19", "L", "d.png"),
            Row("14", "todo", "PA", "e.png"),
            Row("15", "COVID-19", "PA", "ct.png", modality: "CT"),
            Row("16", "COVID-19", "PA", "a.jpg"), // the same file under another id: one image, patients 10 and 16 merged
            .. extraRows,
        ];
        File.WriteAllText(Path.Combine(root, "metadata.csv"), Header + "\n" + string.Join("\n", rows) + "\n");
    }

    [Fact]
    public void Reader_KeepsFrontalXrays_SplitsFindingsIntoLabels_AndMergesIdsOfOneFile()
    {
        using var t = new TempDir();
        Write(t.Path);
        var ds = Ieee8023Reader.Read(t.Path);
        Assert.Equal(["images/a.jpg", "images/b.png", "images/c.png", "images/e.png"], ds.Records.Select(r => r.FileName));
        Assert.Equal(["ARDS", "COVID-19", "Pneumonia", "Viral"], ds.Classes);
        Assert.Equal(["COVID-19", "ARDS"], ds.Records[0].Findings!);
        Assert.Empty(ds.Records[2].Findings!);
        Assert.Null(ds.Records[3].Findings);
        Assert.Equal("ieee-10", ds.Records[0].PatientId);
        Assert.Equal(1, ds.LeftOut["view 'L'"]);
        Assert.Equal(1, ds.LeftOut["not X-ray"]);
        Assert.Equal(1, ds.LeftOut["file listed again (patient ids merged)"]);
        Assert.Equal(5, Ieee8023Reader.Read(t.Path, allViews: true).Records.Count);
    }

    [Fact]
    public void Prepare_DecodesByContent_LeavesTodoUnlabelled_AndMergesPatientsWithIdenticalImages()
    {
        using var t = new TempDir();
        Write(t.Path);
        var r = PrepareJob.Run(new PrepareOptions { Dataset = "ieee8023", Source = t.Path, Workspace = Path.Combine(t.Path, "ws"), Size = 32, Workers = 2 });
        Assert.Equal((4, 0), (r.Images, r.Rejected));
        Assert.Equal("1", r.SplitFacts.Single(f => f.Key == "patientsMergedByIdenticalImages").Value.ToString());
        using var set = PreparedSet.Open(r.Directory);
        Assert.Equal(("ieee8023", TargetKind.Labels, 4), (set.Name, set.Target, set.ClassNames.Count));
        var labelled = new byte[4];
        set.CopyLabelled(3, labelled);
        Assert.All(labelled, b => Assert.Equal(0, b));
        set.CopyLabelled(2, labelled);
        Assert.All(labelled, b => Assert.Equal(1, b)); // No Finding: labelled negative
        var subsets = new[] { set.Splits.Train, set.Splits.Validation, set.Splits.Test };
        Assert.Contains(subsets, s => s.Contains(1) && s.Contains(2)); // b and c: identical pixels, one patient group
    }

    [Fact]
    public void Prepare_APathLeavingTheFolderOrAMissingImageIsARejectNamingTheRow()
    {
        using var t = new TempDir();
        Write(t.Path, Row("20", "COVID-19", "PA", "../../outside.png"), Row("21", "COVID-19", "PA", "missing.png"));
        File.WriteAllBytes(Path.Combine(t.Path, "..", "outside.png"), []);
        var r = PrepareJob.Run(new PrepareOptions { Dataset = "ieee8023", Source = t.Path, Workspace = Path.Combine(t.Path, "ws"), Size = 32, Workers = 2 });
        Assert.Equal((4, 2), (r.Images, r.Rejected));
        var rejects = File.ReadAllText(Path.Combine(r.Directory, "rejects.csv"));
        Assert.Contains("metadata.csv line 9", rejects);
        Assert.Contains("leaves the dataset folder", rejects);
        Assert.Contains("missing.png not found", rejects);
    }

    [SkippableFact]
    public void SharedIeee8023_CountsMatchItsReadme()
    {
        var root = SharedData.Require("ieee8023");
        var all = DatasetStats.Compute("ieee8023", root, CheXpertViewFilter.All).Single();
        Assert.Contains(all.Notes, n => n.StartsWith("519 images, 276 patient groups"));
        var frontal = DatasetStats.Compute("ieee8023", root).Single();
        Assert.Contains(frontal.Notes, n => n.StartsWith("444 images"));
    }
}
