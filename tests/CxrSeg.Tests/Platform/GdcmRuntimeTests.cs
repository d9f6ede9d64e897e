using System.Security.Cryptography;
using CxrSeg.Platform;
using CxrSeg.Tests.Support;

namespace CxrSeg.Tests.Platform;

public sealed class GdcmRuntimeTests
{
    [Fact]
    public void Gdcm_loads_and_reports_its_version()
    {
        var v = GdcmRuntime.Initialize();
        Assert.Matches(@"^\d+\.\d+", v);
    }

    [SkippableFact]
    public void A_shared_dicom_decodes_bit_exactly_through_gdcm()
    {
        var dir = SharedData.Require("dicom");
        GdcmRuntime.Initialize();
        var row = File.ReadAllLines(Path.Combine(dir, "INVENTORY.tsv"))
            .Select(l => l.Split('\t')).First(c => c[0] == "MR_small.dcm");
        var sha = row.Single(c => c.StartsWith("sha1(LE raw)=", StringComparison.Ordinal))["sha1(LE raw)=".Length..];

        using var reader = new gdcm.ImageReader();
        reader.SetFileName(Path.Combine(dir, "MR_small.dcm"));
        Assert.True(reader.Read());
        var image = reader.GetImage();
        var buffer = new byte[image.GetBufferLength()];
        Assert.True(image.GetBuffer(buffer));
        Assert.Equal(sha, Convert.ToHexStringLower(SHA1.HashData(buffer)));
    }
}
