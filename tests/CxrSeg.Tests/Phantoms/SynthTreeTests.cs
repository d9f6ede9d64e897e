using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using CsvHelper;
using CxrSeg.Data.Ccxs;
using CxrSeg.Data.CheXpert;
using CxrSeg.Data.Siim;
using CxrSeg.Phantoms;
using CxrSeg.Platform;
using CxrSeg.Tests.Support;
using SkiaSharp;

namespace CxrSeg.Tests.Phantoms;

public sealed class SynthTreeTests
{
    private const int Size = 96;

    private static SynthOptions Options(string dir, int seed) => new()
    {
        OutputDir = dir, Seed = seed, CheXpertCount = 14, SiimCount = 6, CcxsCount = 8, Size = Size, Threads = 2,
    };

    private static Dictionary<string, string> Hashes(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(root, f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));

    private static List<string[]> Rows(string csvPath)
    {
        using var reader = new StreamReader(csvPath);
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        var rows = new List<string[]>();
        while (csv.Read()) rows.Add(csv.Parser.Record!);
        return rows;
    }

    [Fact]
    public void Same_seed_gives_a_byte_identical_tree_and_another_seed_a_different_one()
    {
        using var tmp = new TempDir();
        PhantomSynthesizer.Run(Options(tmp.File("a"), 5), null);
        PhantomSynthesizer.Run(Options(tmp.File("b"), 5) with { Threads = 1 }, null);
        PhantomSynthesizer.Run(Options(tmp.File("c"), 6), null);
        var a = Hashes(tmp.File("a"));
        var b = Hashes(tmp.File("b"));
        var c = Hashes(tmp.File("c"));
        Assert.True(a.Count > 40);
        Assert.Equal(a.OrderBy(k => k.Key), b.OrderBy(k => k.Key));
        Assert.NotEqual(a["chexpert/CheXpert-v1.0-small/train.csv"], c["chexpert/CheXpert-v1.0-small/train.csv"]);
        Assert.NotEqual(a["siim/train_image_level.csv"], c["siim/train_image_level.csv"]);
        Assert.NotEqual(a["ccxs/structure.csv"], c["ccxs/structure.csv"]);
    }

    [Fact]
    public void CheXpert_tree_has_the_real_layout_and_columns()
    {
        using var tmp = new TempDir();
        PhantomSynthesizer.Run(Options(tmp.Path, 3) with { SiimCount = 0, CcxsCount = 0 }, null);
        var root = Path.Combine(tmp.Path, "chexpert");
        var pathRe = new Regex(@"^CheXpert-v1\.0-small/(train|valid)/patient\d{5}/study\d+/view\d+_(frontal|lateral)\.jpg$");
        var total = 0;
        foreach (var split in new[] { "train", "valid" })
        {
            var file = Path.Combine(root, "CheXpert-v1.0-small", split + ".csv");
            var rows = Rows(file);
            Assert.Equal(CheXpertLabels.CsvColumns, rows[0]);
            foreach (var r in rows.Skip(1))
            {
                Assert.Matches(pathRe, r[0]);
                Assert.StartsWith($"CheXpert-v1.0-small/{split}/", r[0]);
                Assert.True(File.Exists(Path.Combine(root, r[0])), r[0]);
                Assert.Equal(r[0].EndsWith("_frontal.jpg") ? "Frontal" : "Lateral", r[3]);
                Assert.Contains(r[4], r[3] == "Frontal" ? new[] { "AP", "PA" } : new[] { "" });
                var allowed = split == "valid" ? new[] { "0.0", "1.0" } : new[] { "", "0.0", "1.0", "-1.0" };
                foreach (var v in r.Skip(5)) Assert.Contains(v, allowed);
                total++;
            }
        }
        Assert.Equal(14, total);
    }

    [Fact]
    public void Report_labels_follow_the_papers_frequencies()
    {
        const int n = 20000;
        var k = CheXpertLabels.All.Count;
        var pos = new int[k];
        var unc = new int[k];
        for (var i = 0; i < n; i++)
        {
            var l = CheXpertLabelModel.SampleReport(PhantomRandom.For(11, "freq", i));
            for (var j = 0; j < k; j++) { if (l[j] == 1.0) pos[j]++; if (l[j] == -1.0) unc[j]++; }
        }
        for (var j = 0; j < k; j++)
        {
            Assert.InRange(100.0 * pos[j] / n, CheXpertLabelModel.PositivePercent[j] - 1.2, CheXpertLabelModel.PositivePercent[j] + 1.2);
            Assert.InRange(100.0 * unc[j] / n, CheXpertLabelModel.UncertainPercent[j] - 0.8, CheXpertLabelModel.UncertainPercent[j] + 0.8);
        }
    }

    [Fact]
    public void Siim_dicoms_decode_through_gdcm_to_the_values_drawn_and_csvs_match()
    {
        using var tmp = new TempDir();
        var opt = Options(tmp.Path, 4) with { CheXpertCount = 0, CcxsCount = 0, SiimCount = 10 };
        PhantomSynthesizer.Run(opt, null);
        var root = Path.Combine(tmp.Path, "siim");
        var images = Rows(Path.Combine(root, "train_image_level.csv"));
        Assert.Equal(new[] { "id", "boxes", "label", "StudyInstanceUID" }, images[0]);
        var studies = Rows(Path.Combine(root, "train_study_level.csv"));
        Assert.Equal(new[] { "id" }.Concat(SiimStudyClasses.All), studies[0]);
        foreach (var s in studies.Skip(1)) Assert.Equal(1, s.Skip(1).Count(v => v == "1"));
        GdcmRuntime.Initialize();
        var syntaxes = new HashSet<string>();
        for (var i = 0; i < opt.SiimCount; i++)
        {
            var (img, dicom, rel) = SiimPhantomWriter.RenderItem(opt.SiimCount, opt.Seed, opt.Size, i);
            var row = images[i + 1];
            Assert.Equal(Path.GetFileNameWithoutExtension(rel) + "_image", row[0]);
            Assert.Equal(rel.Split('/')[1], row[3]);
            if (row[2] == "none 1 0 0 1 1") Assert.Equal("", row[1]);
            else
            {
                var tokens = row[2].Split(' ');
                Assert.Equal(0, tokens.Length % 6);
                Assert.Equal(tokens.Length / 6, Regex.Matches(row[1], @"\{'x': [-\d.]+, 'y': [-\d.]+, 'width': [\d.]+, 'height': [\d.]+\}").Count);
                Assert.Equal(img.Boxes.Count, tokens.Length / 6);
            }
            using var reader = new gdcm.ImageReader();
            reader.SetFileName(Path.Combine(root, rel));
            Assert.True(reader.Read(), rel);
            var image = reader.GetImage();
            Assert.Equal((uint)img.Width, image.GetDimension(0));
            Assert.Equal((uint)img.Height, image.GetDimension(1));
            syntaxes.Add(image.GetTransferSyntax().GetString());
            var buf = new byte[image.GetBufferLength()];
            Assert.True(image.GetBuffer(buf));
            var back = Enumerable.Range(0, img.Width * img.Height).Select(p => BitConverter.ToUInt16(buf, p * 2)).ToArray();
            Assert.Equal(SiimPhantomWriter.StoredValues(img, dicom), back);
            Assert.Equal(dicom.Monochrome1 ? "MONOCHROME1" : "MONOCHROME2", image.GetPhotometricInterpretation().GetString().Trim());
        }
        Assert.True(syntaxes.Count >= 2, "expected a mix of transfer syntaxes");
    }

    [Fact]
    public void Ccxs_tree_has_cropped_colour_masks_quirks_and_metadata()
    {
        using var tmp = new TempDir();
        PhantomSynthesizer.Run(Options(tmp.Path, 9) with { CheXpertCount = 0, SiimCount = 0, CcxsCount = 30 }, null);
        var root = Path.Combine(tmp.Path, "ccxs");
        var rows = Rows(Path.Combine(root, "structure.csv"));
        Assert.Equal("#,Taxonomy,Class,Template Name,File Folder,Filename,Image,Tag,Mask,Resolution,Top,Left,Width,Height,Points,Text Annotation,Minimal Top,Minimal Left,Minimal Width,Minimal Height,Attributes", string.Join(",", rows[0]));
        var byName = CcxsClasses.All.ToDictionary(c => c.DataName);
        var emptyProbe = 0;
        foreach (var r in rows.Skip(1))
        {
            var cls = byName[r[3]];
            Assert.Equal("COVID-19 " + r[3], r[2]);
            Assert.True(File.Exists(Path.Combine(root, "images", r[5])), r[5]);
            if (r[8] == "") { Assert.Equal("Monitoring Probes", r[3]); emptyProbe++; continue; }
            using var mask = SKBitmap.Decode(Path.Combine(root, r[8]));
            Assert.Equal(int.Parse(r[12]), mask.Width);
            Assert.Equal(int.Parse(r[13]), mask.Height);
            var res = r[9].Split('x').Select(int.Parse).ToArray();
            Assert.True(int.Parse(r[11]) + mask.Width <= res[0] && int.Parse(r[10]) + mask.Height <= res[1]);
            var coloured = 0;
            for (var y = 0; y < mask.Height; y += 3)
                for (var x = 0; x < mask.Width; x += 3)
                {
                    var p = mask.GetPixel(x, y);
                    Assert.Equal(255, p.Alpha);
                    if (p.Red == 0 && p.Green == 0 && p.Blue == 0) continue;
                    Assert.Equal((cls.R, cls.G, cls.B), (p.Red, p.Green, p.Blue));
                    coloured++;
                }
            Assert.True(coloured > 0, r[8]);
        }
        Assert.True(emptyProbe > 0, "a probe row without a mask is expected");
        var perImage = rows.Skip(1).GroupBy(r => r[5]).ToList();
        Assert.Contains(perImage, g => g.Count(r => r[3] == "Right Lung") == 2 && g.All(r => r[3] != "Airways"));
        var meta = Rows(Path.Combine(root, "metadata.csv"));
        var fileCol = Array.IndexOf(meta[0], "filename");
        Assert.Equal(0, Array.IndexOf(meta[0], "patientid"));
        var files = Directory.GetFiles(Path.Combine(root, "images")).Select(f => Path.GetFileName(f)).ToHashSet();
        Assert.Equal(files, meta.Skip(1).Select(m => m[fileCol]).ToHashSet());
        Assert.True(meta.Skip(1).Select(m => m[0]).Distinct().Count() < files.Count, "some patients have several images");
        Assert.True(files.Select(f => Path.GetExtension(f)).Distinct().Count() >= 2);
    }

    [Fact]
    public void Refuses_to_write_into_a_folder_it_does_not_own()
    {
        using var tmp = new TempDir();
        File.WriteAllText(tmp.File("precious.txt"), "user data");
        var e = Assert.Throws<UserFacingException>(() => PhantomSynthesizer.Run(Options(tmp.Path, 1), null));
        Assert.Contains("not empty", e.Message);
        Assert.Equal("user data", File.ReadAllText(tmp.File("precious.txt")));
        Assert.Throws<UserFacingException>(() => new SynthOptions { Size = 10 }.Validate());
    }
}
