using CxrSeg.Data.Cache;
using CxrSeg.Data.Dicom;
using CxrSeg.Data.Prepare;
using CxrSeg.Data.Siim;
using CxrSeg.Tests.Support;

namespace CxrSeg.Tests.Data.Siim;

public sealed class SiimPrepareTests
{
    /// <summary>Writes 8 studies (one image each, 40×20 MONOCHROME1/2 DICOMs) of 4 patients, in the real layout.</summary>
    private static void Write(string root, Action<List<string>>? editImageRows = null)
    {
        var imageRows = new List<string> { "id,boxes,label,StudyInstanceUID" };
        var studyRows = new List<string> { "id,Negative for Pneumonia,Typical Appearance,Indeterminate Appearance,Atypical Appearance" };
        for (int i = 0; i < 8; i++)
        {
            string study = $"1.2.3.{i}", series = $"1.2.3.{i}.1", sop = $"1.2.3.{i}.1.1";
            var dir = Path.Combine(root, "train", study, series);
            Directory.CreateDirectory(dir);
            var px = Enumerable.Range(0, 40 * 20).Select(k => (ushort)(k % 40 * 100)).ToArray();
            DicomWriter.Write(Path.Combine(dir, sop + ".dcm"), px, 40, 20, new DicomWriteOptions
            {
                BitsStored = 12, Monochrome1 = i % 2 == 1, PatientId = $"SECRET-{i / 2}", StudyInstanceUid = study, SeriesInstanceUid = series, SopInstanceUid = sop,
                TransferSyntax = i % 3 == 0 ? DicomTransferSyntax.JpegLossless : DicomTransferSyntax.ExplicitVrLittleEndian,
            });
            var (boxes, label) = i switch
            {
                0 => ("\"[{'x': -5.5, 'y': 2, 'width': 15, 'height': 8}]\"", "opacity 1 -5.5 2 9.5 10"),
                1 => ("\"[{'x': 30, 'y': 10, 'width': 20, 'height': 30}, {'x': 1, 'y': 1, 'width': 2, 'height': 2}]\"", "opacity 1 30 10 50 40 opacity 1 1 1 3 3"),
                _ => ("", "none 1 0 0 1 1"),
            };
            imageRows.Add($"{sop}_image,{boxes},{label},{study}");
            var cls = new int[4];
            cls[i % 4] = 1;
            studyRows.Add($"{study}_study,{string.Join(",", cls)}");
        }
        editImageRows?.Invoke(imageRows);
        File.WriteAllLines(Path.Combine(root, "train_image_level.csv"), imageRows);
        File.WriteAllLines(Path.Combine(root, "train_study_level.csv"), studyRows);
    }

    [Fact]
    public void Prepare_MakesStudyClassBoxMasks_ClipsBoxes_AndSplitsByHeaderPatient()
    {
        using var t = new TempDir();
        Write(t.Path);
        var r = PrepareJob.Run(new PrepareOptions { Dataset = "siim", Source = t.Path, Workspace = t.File("ws"), Size = 40, Workers = 2 });
        Assert.Equal((8, 0), (r.Images, r.Rejected));
        using var set = PreparedSet.Open(r.Directory);
        Assert.Equal(SiimStudyClasses.All, set.ClassNames);
        var m = new byte[4 * 1600];
        set.CopyMask(0, m);
        // Image 0 (study class 0): box x −5.5..9.5, y 2..10 → clipped to x 0..10 (ceil), y 2..10; 40×20 letterboxed at offset y 10.
        Assert.Equal(10 * 8, m.AsSpan(0, 1600).Count((byte)1));
        Assert.Equal(1, m[(10 + 2) * 40 + 0]);
        Assert.Equal(0, m.AsSpan(1600, 3 * 1600).Count((byte)1));
        set.CopyMask(1, m);
        Assert.Equal(10 * 10 + 2 * 2, m.AsSpan(1600, 1600).Count((byte)1)); // study class 1; first box clipped to 10×10
        // MONOCHROME1 is inverted: image 1 is bright where image 0 is dark.
        var a = new byte[1600];
        var b = new byte[1600];
        set.CopyImage(0, a);
        set.CopyImage(1, b);
        Assert.True(a[20 * 40 + 1] < 30 && b[20 * 40 + 1] > 225);
        // Patients come from the DICOM header, are never stored in clear, and never straddle subsets.
        Assert.Equal(4, Enumerable.Range(0, 8).Select(set.PatientId).Distinct().Count());
        Assert.DoesNotContain("SECRET", File.ReadAllText(Path.Combine(r.Directory, "index.json")));
        var train = set.Splits.Train.Select(set.PatientId).ToHashSet();
        Assert.DoesNotContain(set.Splits.Test.Concat(set.Splits.Validation), i => train.Contains(set.PatientId(i)));
    }

    [Fact]
    public void OpacityMode_GivesOneChannel()
    {
        using var t = new TempDir();
        Write(t.Path);
        var r = PrepareJob.Run(new PrepareOptions { Dataset = "siim", Source = t.Path, Workspace = t.File("ws"), Size = 20, SiimMasks = SiimMaskMode.Opacity, Workers = 1 });
        using var set = PreparedSet.Open(r.Directory);
        Assert.Equal([SiimStudyClasses.Opacity], set.ClassNames);
        Assert.Equal(1, set.Manifest.ImagesWithClass[0] >= 2 ? 1 : 0);
    }

    [Fact]
    public void MalformedBoxRows_AreWarnings_AndMissingDicomsAreRejects()
    {
        using var t = new TempDir();
        Write(t.Path, rows =>
        {
            rows[3] = rows[3].Replace("none 1 0 0 1 1", "none 1 0 0 1 1").Replace(",,", ",\"[{'x': 1, 'y': }]\",");
            rows.Add("9.9.9_image,,none 1 0 0 1 1,1.2.3.7");
        });
        File.Delete(Path.Combine(t.Path, "train", "1.2.3.5", "1.2.3.5.1", "1.2.3.5.1.1.dcm"));
        var r = PrepareJob.Run(new PrepareOptions { Dataset = "siim", Source = t.Path, Workspace = t.File("ws"), Size = 16, Workers = 2 });
        Assert.Contains(r.Warnings, w => w.Contains("line 4") && w.Contains("boxes"));
        Assert.Equal(2, r.Rejected);
        Assert.Contains(r.Rejects, x => x.Id == "1.2.3.5.1.1" && x.Reason.Contains("not found"));
        Assert.Contains(r.Rejects, x => x.Id == "9.9.9" && x.Reason.Contains("not found"));
        Assert.Equal(8, r.Images + r.Rejected); // 8 rows − 1 skipped (bad boxes) + 1 extra row
    }

    [Fact]
    public void TheSplitIsTheSameInEveryWorkspace_ThoughThePseudonymsDiffer()
    {
        using var t = new TempDir();
        var src = Path.Combine(t.Path, "siim");
        Write(src);
        string[] SubsetOfEachImage(string ws)
        {
            var r = PrepareJob.Run(new PrepareOptions { Dataset = "siim", Source = src, Workspace = Path.Combine(t.Path, ws), Size = 16, Workers = 2 });
            using var set = PreparedSet.Open(r.Directory);
            return Enumerable.Range(0, set.Count).Select(i =>
                $"{set.Id(i)}:{(set.Splits.Train.Contains(i) ? "train" : set.Splits.Validation.Contains(i) ? "val" : "test")}").Order().ToArray();
        }
        string Pseudonym(string ws, int i)
        {
            using var set = PreparedSet.Open(PreparedFolders.Resolve(Path.Combine(t.Path, ws, "prepared", "siim")));
            return set.PatientId(i);
        }
        // Five workspaces, five keys: with the pseudonyms' sort order deciding, the validation patient would differ
        // between some of them (each of the 4 patients is as likely to be it).
        var first = SubsetOfEachImage("ws-0");
        for (var w = 1; w < 5; w++)
        {
            Assert.Equal(first, SubsetOfEachImage($"ws-{w}"));
            Assert.NotEqual(Pseudonym("ws-0", 0), Pseudonym($"ws-{w}", 0)); // each workspace has its own key
        }
    }
}
