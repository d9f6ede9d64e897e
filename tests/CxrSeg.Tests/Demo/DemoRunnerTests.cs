using System.Globalization;
using System.Text.Json;
using CxrSeg.Demo;
using CxrSeg.Experiments;
using CxrSeg.Reports;
using CxrSeg.Runs;
using CxrSeg.Tests.Support;

namespace CxrSeg.Tests.Demo;

public sealed class DemoRunnerTests
{
    /// <summary>Every run's metrics.json, grouped by strategy, as the percentages the report must show.</summary>
    private static Dictionary<string, List<double>> RunMiouByStrategy(string workspace)
    {
        var byStrategy = new Dictionary<string, List<double>>();
        foreach (var dir in Directory.GetDirectories(Path.Combine(workspace, "runs")))
        {
            using var run = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "run.json")));
            var labels = run.RootElement.GetProperty("Labels");
            var strategy = PlanNames.ParseStrategy(labels.GetProperty("Strategy").GetString(), "labels.strategy").Strategy.ToString();
            var miou = MetricsFile.Load(Path.Combine(dir, "metrics.json")).MIoU!.Value * 100;
            if (!byStrategy.TryGetValue(strategy, out var list)) byStrategy[strategy] = list = [];
            list.Add(miou);
        }
        return byStrategy;
    }

    private static string Cell(IReadOnlyList<double> v) =>
        string.Create(CultureInfo.InvariantCulture, $"{v.Average():0.0} ± {v.Max() - v.Min():0.0} (n={v.Count})");

    [Fact]
    public void Tiny_demo_with_the_dry_run_executor_writes_a_report_whose_cells_match_the_runs_and_a_rerun_reuses_everything()
    {
        using var tmp = new TempDir();
        var ws = tmp.File("demo");
        var options = new DemoOptions { Workspace = ws, Sizes = DemoSizes.Tiny, Executor = "synthetic" };
        var first = DemoRunner.Run(options);

        Assert.True(File.Exists(first.ReportMarkdown));
        Assert.True(File.Exists(first.ReportHtml));
        Assert.Equal(DemoSizes.Tiny.Repeats * DemoGrid.Strategies.Count, first.RunsTrained);
        Assert.Empty(first.RunsFailed);
        Assert.True(Directory.Exists(Path.Combine(ws, "prepared", "ccxs")));
        Assert.True(File.Exists(Path.Combine(ws, "synth-preview.png")));

        var expected = RunMiouByStrategy(ws);
        Assert.Equal(4, expected.Count);
        var md = File.ReadAllText(first.ReportMarkdown);
        var html = File.ReadAllText(first.ReportHtml);
        foreach (var (strategy, values) in expected)
        {
            Assert.Equal(DemoSizes.Tiny.Repeats, values.Count);
            Assert.Contains(Cell(values), md);
            Assert.Contains(System.Net.WebUtility.HtmlEncode(Cell(values)), html);
        }
        // The printed table is the report's Table 3: one row per strategy, each cell from the runs above.
        var table = first.Report.Table;
        Assert.Equal(4, table.Rows.Count);
        for (var i = 0; i < table.Rows.Count; i++)
        {
            var values = expected[table.Rows[i].Strategy.ToString()];
            Assert.Equal(values.Average(), table.Cells[i].Single()!.Mean, 6);
            Assert.Equal(values.Count, table.Cells[i].Single()!.N);
        }

        var second = DemoRunner.Run(options);
        Assert.Equal(0, second.RunsTrained);
        Assert.Equal(first.RunsTrained, second.RunsReused);
        Assert.Equal(md, File.ReadAllText(second.ReportMarkdown));
    }

    [Fact]
    public void A_non_empty_folder_not_written_by_the_demo_is_refused_and_left_untouched()
    {
        using var tmp = new TempDir();
        var ws = tmp.File("mine");
        Directory.CreateDirectory(ws);
        File.WriteAllText(Path.Combine(ws, "notes.txt"), "user data");
        var e = Assert.Throws<UserFacingException>(() => DemoRunner.Run(new DemoOptions { Workspace = ws, Sizes = DemoSizes.Tiny, Executor = "synthetic" }));
        Assert.Contains("not written by cxrseg demo", e.Message);
        Assert.Equal(["notes.txt"], Directory.GetFileSystemEntries(ws).Select(Path.GetFileName));
    }

    [Fact]
    public void The_demo_grid_file_expands_to_none_1step_and_2step_plans_with_repeats_on_unet_resnet18()
    {
        using var tmp = new TempDir();
        var refs = new Dictionary<string, string> { ["chexpert"] = "prepared/chexpert/a", ["siim"] = "prepared/siim/b", ["ccxs"] = "prepared/ccxs/c" };
        var path = tmp.File("demo.yaml");
        File.WriteAllText(path, DemoGrid.Yaml(DemoSizes.Standard, refs, realCcxs: false));
        var grid = GridFile.Load(path);
        var plans = GridExpander.Expand(grid).Plans;
        // none and the classifier (no decoder) once; SIIM and 2-step once per transfer.
        var transfers = DemoSizes.Standard.Transfers.Count;
        Assert.Equal((2 + 2 * transfers) * DemoSizes.Standard.Repeats, plans.Count);
        Assert.All(plans, p => Assert.Equal("epoch", p.Stages[^1].Options["checkpointEvery"]));
        var both = DemoSizes.Standard with { Transfers = ["encoder", "encoder+decoder"] };
        File.WriteAllText(path, DemoGrid.Yaml(both, refs, realCcxs: false));
        var wide = GridExpander.Expand(GridFile.Load(path)).Plans;
        Assert.Equal(6 * both.Repeats, wide.Count);
        Assert.All(wide.Where(p => p.Labels!.Transfer == global::CxrSeg.Models.Weights.TransferMode.EncoderDecoder),
            p => Assert.Equal(global::CxrSeg.Models.Weights.TransferMode.EncoderDecoder, p.Stages[^1].Transfer));
        Assert.All(plans, p => Assert.All(p.Stages, s => Assert.Equal("resnet18", s.Encoder)));
        Assert.All(plans, p => Assert.Equal("unet", p.Stages[^1].Architecture));
        Assert.Equal(
            [Strategy.None, Strategy.CheXpert, Strategy.Siim, Strategy.TwoStep],
            plans.Select(p => p.Labels!.Strategy).Distinct().Order());
        var twoStep = plans.First(p => p.Labels!.Strategy == Strategy.TwoStep);
        Assert.Equal([DatasetKind.CheXpert, DatasetKind.Siim, DatasetKind.Ccxs], twoStep.Stages.Select(s => s.Dataset));
        Assert.Equal(DemoSizes.Standard.ImageSize.ToString(CultureInfo.InvariantCulture), twoStep.Stages[^1].Options["imageSize"]);
        Assert.Equal("prepared/ccxs/c", plans[0].DatasetRefs[DatasetKind.Ccxs]);
        // Repeats vary the final stage's seed only; the pretraining is shared.
        Assert.Equal(DemoSizes.Standard.Repeats * transfers, plans.Where(p => p.Labels!.Strategy == Strategy.TwoStep).Select(p => StageIds.Of(p)[^1]).Distinct().Count());
        Assert.Single(plans.Where(p => p.Labels!.Strategy == Strategy.TwoStep).Select(p => StageIds.Of(p)[1]).Distinct());
    }

    [Fact]
    public void Sizes_name_the_bad_field()
    {
        Assert.Contains("ImageSize", Assert.Throws<UserFacingException>(() => (DemoSizes.Tiny with { ImageSize = 40 }).Validate()).Message);
        Assert.Contains("CcxsCount", Assert.Throws<UserFacingException>(() => (DemoSizes.Tiny with { CcxsCount = 20 }).Validate()).Message);
        Assert.Contains("Transfers", Assert.Throws<UserFacingException>(() => (DemoSizes.Tiny with { Transfers = ["decoder"] }).Validate()).Message);
        DemoSizes.Standard.Validate();
        DemoSizes.Tiny.Validate();
    }
}
