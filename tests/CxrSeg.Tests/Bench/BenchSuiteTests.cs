using CxrSeg.Bench;
using CxrSeg.Tests.Support;

namespace CxrSeg.Tests.Bench;

public sealed class BenchSuiteTests
{
    private static readonly BenchSettings Tiny = new()
    {
        Size = 32, Batch = 2, Steps = 1, Warmup = 0, Pairings = ["unet-resnet18"], Model = "unet-resnet18",
        EpochImages = 2, ValidationImages = 2, MemoryEpochs = 2, MemoryImages = 2, PrepareImages = 1, PrepareSourceSize = 48,
        LoaderImages = 2, PredictImages = 1, PredictSourceSize = 40,
    };

    [Fact]
    public void Every_suite_runs_with_tiny_settings_and_the_json_holds_every_figure_with_its_ratio()
    {
        using var dir = new TempDir();
        var json = dir.File("bench.json");
        var md = dir.File("bench.md");
        var context = new BenchContext(1, "cpu", dir.File("scratch"), _ => { }, Tiny);
        var seen = new List<string>();
        var report = BenchRunner.Run(BenchRunner.DefaultSuites, context, json, "cxrseg bench (test)", r => seen.Add(r.Suite), md);

        Assert.Equal(BenchRunner.DefaultSuites.Select(s => s.Name), seen);
        foreach (var suite in report.Suites)
        {
            Assert.DoesNotContain(suite.Notes, n => n.StartsWith("failed", StringComparison.Ordinal));
            Assert.NotEmpty(suite.Figures);
            Assert.True(suite.Threads >= 1);
            Assert.All(suite.Figures, f => Assert.True(double.IsFinite(f.Value), $"{suite.Suite}: {f.Name} = {f.Value}"));
        }
        // every figure with a target has a finite ratio, its reference and a verdict
        var targeted = report.Suites.SelectMany(s => s.Figures).Where(f => f.Target is not null).ToList();
        Assert.Equal(["unet-resnet18"], Tiny.Pairings); // no target for resnet18 train steps
        Assert.Equal(["epoch", "prepare", "prepare", "loader", "predict", "memory"],
            report.Suites.SelectMany(s => s.Figures.Where(f => f.Target is not null).Select(_ => s.Suite)));
        Assert.All(targeted, f =>
        {
            Assert.True(f.Ratio is { } r && double.IsFinite(r) && r > 0, f.Name);
            Assert.False(string.IsNullOrEmpty(f.RatioOf));
            Assert.NotNull(f.Met);
        });
        var gemm = report.Suites[0].Figures[0].Value;
        var rate = report.Suites.Single(s => s.Suite == "train-step").Figures.Single(f => f.Unit == "GFLOP/s");
        Assert.Equal(rate.Value / gemm, rate.Ratio!.Value, 6);

        var back = BenchReport.Load(json);
        Assert.Equal(report.Suites.Sum(s => s.Figures.Count), back.Suites.Sum(s => s.Figures.Count));
        Assert.Equal(report.Suites.SelectMany(s => s.Figures.Select(f => f.Ratio)), back.Suites.SelectMany(s => s.Figures.Select(f => f.Ratio)));
        Assert.Equal((Tiny.Size, Tiny.Batch, Tiny.MemoryEpochs), (back.Settings.Size, back.Settings.Batch, back.Settings.MemoryEpochs));
        Assert.Equal(Tiny.Pairings, back.Settings.Pairings);

        var text = File.ReadAllText(md);
        Assert.Contains("cxrseg bench (test)", text);
        foreach (var f in report.Suites.SelectMany(s => s.Figures)) Assert.Contains(f.Name, text);
        Assert.False(Directory.Exists(dir.File("scratch/prepare")));
    }

    [Fact]
    public void Markdown_marks_missed_targets_and_escapes_pipes()
    {
        var figure = BenchTarget.Min(0.6).Figure("a|b rate", 10, "GFLOP/s", 0.25, "gemm");
        var report = new BenchReport("2026-01-01 00:00 UTC", "2 cores", "cxrseg bench", new BenchSettings(), 3, "libtorch x", 12,
            [new BenchSuiteResult("train-step", [figure], 2, 0.1, 0.2, 12, ["note x"], 0.05, 3)]);
        var md = BenchMarkdown.Render(report);
        Assert.Contains("| train-step | a\\|b rate | 10 | GFLOP/s | 0.25 | gemm | ≥ 0.60 | **no** |", md);
        Assert.Contains("note x", md);
    }

    [Fact]
    public void Loading_a_file_that_is_not_a_report_names_the_file()
    {
        using var dir = new TempDir();
        var path = dir.File("x.json");
        File.WriteAllText(path, "[1, 2");
        var e = Assert.Throws<UserFacingException>(() => BenchReport.Load(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("not found", Assert.Throws<UserFacingException>(() => BenchReport.Load(dir.File("missing.json"))).Message);
    }

    [Theory]
    [InlineData(0.6, true, 0.6, true)]
    [InlineData(0.6, true, 0.59, false)]
    [InlineData(1.05, false, 1.06, false)]
    [InlineData(1.05, false, 0.9, true)]
    [InlineData(1.05, false, double.NaN, false)]
    public void Targets_compare_ratios_with_their_bound(double bound, bool atLeast, double ratio, bool met) =>
        Assert.Equal(met, new BenchTarget(bound, atLeast).IsMet(ratio));

    [Fact]
    public void Pairings_are_parsed_and_bad_ones_named()
    {
        Assert.Equal(new CxrSeg.Models.ModelSpec("deeplabv3", "resnext50_32x4d", 1, 13), PairingNames.Parse("deeplabv3-resnext50_32x4d"));
        Assert.Equal(14, PairingNames.Parse("classifier-resnet50").Classes);
        Assert.Contains("unet-nope", Assert.Throws<UserFacingException>(() => PairingNames.Parse("unet-nope")).Message);
        Assert.Equal(BenchSettings.DefaultPairings, PairingNames.Resolve([]).Select(PairingNames.Of));
        var all = PairingNames.Resolve(["all"]);
        Assert.Contains(all, s => PairingNames.Of(s) == "deeplabv3-vgg16");
        Assert.Equal(all.Count, all.Select(PairingNames.Of).Distinct().Count());
    }

    [Fact]
    public void Settings_validation_names_the_bad_field()
    {
        Assert.Contains("size", Assert.Throws<UserFacingException>(() => (new BenchSettings() with { Size = 100 }).Validate()).Message);
        Assert.Contains("batch", Assert.Throws<UserFacingException>(() => (new BenchSettings() with { Batch = 1 }).Validate()).Message);
        Assert.Contains("memory epochs", Assert.Throws<UserFacingException>(() => (new BenchSettings() with { MemoryEpochs = 1 }).Validate()).Message);
        Assert.Contains("x-y", Assert.Throws<UserFacingException>(() => (new BenchSettings() with { Model = "x-y" }).Validate()).Message);
        BenchSettings.Quick.Validate();
    }

    [Fact]
    public void Median_of_even_and_odd_counts()
    {
        Assert.Equal(2, BenchContext.Median([3, 1, 2]));
        Assert.Equal(2.5, BenchContext.Median([4, 1, 2, 3]));
        Assert.True(double.IsNaN(BenchContext.Median([])));
    }
}
