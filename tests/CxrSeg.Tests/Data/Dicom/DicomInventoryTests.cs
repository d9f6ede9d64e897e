using System.Security.Cryptography;
using CxrSeg.Data.Dicom;
using CxrSeg.Data.ImageFiles;
using CxrSeg.Data.Images;
using CxrSeg.Tests.Support;

namespace CxrSeg.Tests.Data.Dicom;

public sealed class DicomInventoryTests
{
    [SkippableFact]
    public void EveryInventoryDicomDecodesToItsSha1_DirectlyAndThroughConvertRaw()
    {
        var dir = SharedData.Require("dicom");
        var rows = File.ReadAllLines(Path.Combine(dir, "INVENTORY.tsv")).Where(l => l.Trim().Length > 0).Select(l => l.Split('\t')).ToArray();
        Assert.True(rows.Length >= 10, "INVENTORY.tsv lists the sample files");
        using var tmp = new TempDir();
        var failures = new List<string>();
        foreach (var r in rows)
        {
            var expected = r.Single(f => f.StartsWith("sha1(LE raw)=", StringComparison.Ordinal)).Split('=')[1];
            var file = Path.Combine(dir, r[0]);
            var pixels = DicomDecoder.Read(file);
            var direct = Convert.ToHexStringLower(SHA1.HashData(pixels.RawLittleEndian()));
            var png = tmp.File(r[0] + ".png");
            ImageInspector.ConvertToPng(file, png, raw: true);
            var fromPng = Convert.ToHexStringLower(SHA1.HashData(PngTestReader.SamplesLittleEndian(png)));
            if (direct != expected || fromPng != expected) failures.Add($"{r[0]}: decoded {direct}, png {fromPng}, expected {expected}");
        }
        Assert.Empty(failures);
    }
}
