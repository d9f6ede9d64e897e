using CxrSeg.Models.Networks;
using CxrSeg.Models.Weights;
using CxrSeg.Models;
using CxrSeg.Tests.Support;
using TorchSharp.PyBridge;
using TorchSharp;
using static TorchSharp.torch;

namespace CxrSeg.Tests.Models;

public sealed class InitWeightsFileTests
{
    [Fact]
    public void An_smp_0_5_deeplabv3_file_loads_encoder_and_decoder_and_skips_a_head_of_other_classes()
    {
        using var tmp = new TempDir();
        manual_seed(1);
        using var source = ModelFactory.Create(new ModelSpec("deeplabv3", "resnet18", 3, 5));
        SmpExport.Export(source, tmp.File("smp.pth"), SmpVersion.Current);
        manual_seed(2);
        using var target = ModelFactory.Create(new ModelSpec("deeplabv3", "resnet18", 1, 2));

        var (layout, report) = InitWeightsFile.Load(target, tmp.File("smp.pth"), "all");

        Assert.Equal(StateDictLayout.Smp, layout);
        var sd = target.state_dict();
        Assert.Equal(["segmentation_head.0.bias", "segmentation_head.0.weight"], report.Skipped.Keys.Order());
        Assert.Equal(sd.Count - 2, report.Loaded.Count);
        Assert.Empty(report.Reinitialised);
        Assert.True(sd["decoder.1.weight"].Equals(source.state_dict()["decoder.1.weight"])); // decoder.conv.weight in the file
        Assert.True(sd["encoder.conv1.weight"].allclose(source.state_dict()["encoder.conv1.weight"].sum(1, keepdim: true))); // RGB summed to grey
        Assert.Contains("skipped 2", report.Summary);
    }

    [Fact]
    public void Encoder_part_leaves_decoder_and_head_reinitialised()
    {
        using var tmp = new TempDir();
        using var source = ModelFactory.Create(new ModelSpec("unet", "resnet18", 1, 2));
        SmpExport.Export(source, tmp.File("smp.safetensors"), SmpVersion.Current);
        using var target = ModelFactory.Create(new ModelSpec("unet", "resnet18", 1, 2));
        var (_, report) = InitWeightsFile.Load(target, tmp.File("smp.safetensors"));
        var encoderKeys = target.state_dict().Keys.Count(k => k.StartsWith("encoder.", StringComparison.Ordinal));
        Assert.Equal(encoderKeys, report.Loaded.Count);
        Assert.Equal(target.state_dict().Count - encoderKeys, report.Reinitialised.Count);
    }

    [Fact]
    public void A_torchvision_file_is_detected_and_gives_the_encoder_with_the_first_conv_adapted()
    {
        using var tmp = new TempDir();
        manual_seed(3);
        using var tv = torchvision.models.resnet18();
        tv.save_py(tmp.File("tv.pth"));
        using var target = ModelFactory.Create(new ModelSpec("unet", "resnet18", 1, 2));

        var (layout, report) = InitWeightsFile.Load(target, tmp.File("tv.pth"), "all"); // all: a torchvision file still gives only the encoder

        Assert.Equal(StateDictLayout.Torchvision, layout);
        var encoderKeys = target.state_dict().Keys.Count(k => k.StartsWith("encoder.", StringComparison.Ordinal));
        Assert.Equal(encoderKeys, report.Loaded.Count);
        Assert.True(target.state_dict()["encoder.conv1.weight"].allclose(tv.state_dict()["conv1.weight"].sum(1, keepdim: true)));
    }

    [Fact]
    public void A_module_prefix_is_removed()
    {
        using var tmp = new TempDir();
        using var source = ModelFactory.Create(new ModelSpec("unet", "resnet18", 1, 2));
        StateDictFile.Write(tmp.File("dp.pth"), source.state_dict().ToDictionary(kv => "module." + kv.Key, kv => kv.Value));
        using var target = ModelFactory.Create(new ModelSpec("unet", "resnet18", 1, 2));
        Assert.Equal(StateDictLayout.Smp, InitWeightsFile.Load(target, tmp.File("dp.pth")).Layout);
    }

    [Fact]
    public void Another_encoder_or_an_unknown_layout_is_refused_naming_the_file()
    {
        using var tmp = new TempDir();
        using var vgg = ModelFactory.Create(new ModelSpec("unet", "vgg16", 1, 2));
        SmpExport.Export(vgg, tmp.File("vgg.safetensors"), SmpVersion.Current);
        using var target = ModelFactory.Create(new ModelSpec("unet", "resnet18", 1, 2));
        var e = Assert.Throws<UserFacingException>(() => InitWeightsFile.Load(target, tmp.File("vgg.safetensors")));
        Assert.Contains("vgg.safetensors", e.Message);
        Assert.Contains("resnet18", e.Message);

        StateDictFile.Write(tmp.File("odd.safetensors"), new Dictionary<string, Tensor> { ["weird.weight"] = zeros(2) });
        e = Assert.Throws<UserFacingException>(() => InitWeightsFile.Load(target, tmp.File("odd.safetensors")));
        Assert.Contains("odd.safetensors", e.Message);
        Assert.Contains("weird.weight", e.Message);
    }

    [Fact]
    public void A_file_exported_here_brings_its_normalisation_and_a_foreign_file_none()
    {
        using var tmp = new TempDir();
        var spec = new ModelSpec("unet", "resnet18", 1, 2);
        using var net = ModelFactory.Create(spec);
        SmpExport.Export(net, tmp.File("m.safetensors"), SmpVersion.Current);
        var provider = new CxrSeg.Training.RegistryModelProvider();
        Assert.Null(provider.InputNormalisation(spec, new CxrSeg.Training.ModelInit(tmp.File("m.safetensors"))));
        File.WriteAllText(tmp.File("m.safetensors.json"), """
            { "spec": { "architecture": "unet", "encoder": "resnet18", "inChannels": 1, "classes": 2 },
              "classNames": ["a", "b"], "inputSize": 64, "normalisation": { "mean": 0.3, "std": 0.2 } }
            """);
        Assert.Equal(new CxrSeg.Data.Transforms.Normalisation(0.3, 0.2), provider.InputNormalisation(spec, new CxrSeg.Training.ModelInit(tmp.File("m.safetensors"))));
    }
}
