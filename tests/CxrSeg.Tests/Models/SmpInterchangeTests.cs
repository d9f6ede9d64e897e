using CxrSeg.Models;
using CxrSeg.Models.Networks;
using CxrSeg.Models.Weights;
using CxrSeg.Tests.Support;
using static TorchSharp.torch;

namespace CxrSeg.Tests.Models;

/// <summary>Export for each smp release and import of either DeepLabV3 decoder spelling (smp &lt; 0.5 and ≥ 0.5).</summary>
public sealed class SmpInterchangeTests
{
    public static TheoryData<string, string, string, string> Pairings()
    {
        var data = new TheoryData<string, string, string, string>();
        var i = 0;
        foreach (var arch in new[] { "unet", "deeplabv3" })
            foreach (var enc in EncoderRegistry.All.Select(e => e.Name))
            {
                // every pairing once; smp releases alternate, and the slower pickle format is used for the small encoder
                var version = arch == "deeplabv3" ? (i % 2 == 0 ? "0.5" : "0.4") : "0.5";
                data.Add(arch, enc, enc == "resnet18" ? "pth" : "safetensors", version);
                i++;
            }
        return data;
    }

    [Theory]
    [MemberData(nameof(Pairings))]
    public void Each_pairing_exported_for_an_smp_release_reimports_with_identical_outputs(string arch, string encoder, string format, string version)
    {
        using var tmp = new TempDir();
        var file = tmp.File("m." + format);
        manual_seed(5);
        var spec = new ModelSpec(arch, encoder, 1, 2);
        using var a = ModelFactory.Create(spec);
        SmpExport.Export(a, file, SmpVersion.Parse(version));
        var keys = StateDictFile.Read(file).Keys.ToList();
        if (arch == "deeplabv3")
        {
            var named = version == "0.5";
            Assert.Equal(named, keys.Any(k => k.StartsWith("decoder.aspp.convs.", StringComparison.Ordinal)));
            Assert.Equal(!named, keys.Any(k => k.StartsWith("decoder.0.convs.", StringComparison.Ordinal)));
            Assert.Equal(named, keys.Contains("decoder.bn.running_mean"));
        }
        manual_seed(6);
        using var b = ModelFactory.Create(spec);
        var report = SmpExport.Import(b, file);
        Assert.Equal(a.state_dict().Count, report.Loaded.Count);
        var sa = a.state_dict();
        foreach (var (k, t) in b.state_dict()) Assert.True(t.Equals(sa[k]), k);
    }

    [Fact]
    public void A_state_dict_in_smp_0_5_deeplabv3_names_imports_and_gives_the_same_probabilities()
    {
        using var tmp = new TempDir();
        manual_seed(7);
        var spec = new ModelSpec("deeplabv3", "resnet18", 1, 3);
        using var a = ModelFactory.Create(spec);
        // written by this project's own code with smp ≥ 0.5's names (decoder.aspp/conv/bn)
        var named = SmpKeyLayout.ForVersion(a.state_dict(), "deeplabv3", SmpVersion.Parse("0.5.0"));
        Assert.Contains("decoder.aspp.project.0.weight", named.Keys);
        Assert.Contains("decoder.conv.weight", named.Keys);
        Assert.DoesNotContain(named.Keys, k => k.StartsWith("decoder.0.", StringComparison.Ordinal));
        StateDictFile.Write(tmp.File("smp05.pth"), named);
        Assert.Equal(SmpVersion.Current, SmpKeyLayout.DetectDeepLabSpelling(named.Keys));

        manual_seed(8);
        using var b = ModelFactory.Create(spec);
        SmpExport.Import(b, tmp.File("smp05.pth"));
        a.eval();
        b.eval();
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var x = randn(1, 1, 64, 64);
        Assert.True(sigmoid(a.call(x)).Equals(sigmoid(b.call(x))));
    }

    [Fact]
    public void Unet_keys_are_the_same_in_every_release()
    {
        using var net = ModelFactory.Create(new ModelSpec("unet", "resnet18", 1, 2));
        var old = SmpKeyLayout.ForVersion(net.state_dict(), "unet", SmpVersion.Parse("0.3"));
        var current = SmpKeyLayout.ForVersion(net.state_dict(), "unet", SmpVersion.Current);
        Assert.Equal(old.Keys.Order(), current.Keys.Order());
    }

    [Theory]
    [InlineData("0.2")]
    [InlineData("five")]
    [InlineData("0.5.x")]
    public void An_unknown_smp_version_is_refused_naming_the_option(string text) =>
        Assert.Contains("--smp-version", Assert.Throws<UserFacingException>(() => SmpVersion.Parse(text)).Message);
}
