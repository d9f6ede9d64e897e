using CxrSeg.Tests.Support;

namespace CxrSeg.Tests.Cli;

public sealed class CliExportTests
{
    [Fact]
    public void An_unknown_smp_version_is_a_user_error_naming_the_option()
    {
        using var tmp = new TempDir();
        var r = CliRunner.Run(["export", tmp.Path, "--out", tmp.File("m.pth"), "--smp-version", "0.2"]);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("--smp-version", r.Error);
        Assert.False(File.Exists(tmp.File("m.pth")));
    }

    [Fact]
    public void Predict_with_a_missing_model_names_what_it_accepts()
    {
        using var tmp = new TempDir();
        var r = CliRunner.Run(["predict", "--model", tmp.File("nothing"), "--out", tmp.File("out"), tmp.Path]);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("exported weights file", r.Error);
    }

    [SkippableTheory]
    [InlineData("predict")]
    [InlineData("bench")]
    public void Device_cuda_without_cuda_gives_the_same_user_error_before_any_work(string command)
    {
        Skip.If(TorchSharp.torch.cuda.is_available(), "this machine has CUDA");
        using var tmp = new TempDir();
        string[] args = command == "predict"
            ? ["predict", "--model", tmp.Path, "--out", tmp.File("out"), tmp.Path, "--device", "cuda"]
            : ["bench", "gemm", "--device", "cuda"];
        var r = CliRunner.Run(args);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("--device cuda: no CUDA device is available", r.Error);
        Assert.False(Directory.Exists(tmp.File("out")));
    }
}
