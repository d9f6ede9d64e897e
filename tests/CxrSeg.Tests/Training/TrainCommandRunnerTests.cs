using CxrSeg.Runs;
using CxrSeg.Stages;
using CxrSeg.Tests.Support;
using CxrSeg.Training;

namespace CxrSeg.Tests.Training;

public sealed class TrainCommandRunnerTests
{
    [Theory]
    [InlineData("resnet51", "unet", "resnet51")]
    [InlineData("resnet18", "unet3", "unet3")]
    public void Unknown_or_incompatible_names_are_refused_before_anything_is_written(string encoder, string decoder, string named)
    {
        using var tmp = new TempDir();
        var data = TinyData.Segmentation();
        var runner = new TrainCommandRunner(_ => data, new RegistryModelProvider());
        var request = new TrainRequest(new TrainOptions { MaxEpochs = 1 }, tmp.Path, encoder, decoder, new ModelInit(), tmp.File("run"));
        var e = Assert.Throws<UserFacingException>(() => runner.Run(request));
        Assert.Contains(named, e.Message);
        Assert.False(File.Exists(Path.Combine(tmp.File("run"), RunFiles.Manifest)));
        Assert.False(Directory.Exists(tmp.File("run")));
    }
}
