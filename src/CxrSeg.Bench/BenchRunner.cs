using System.Diagnostics;
using CxrSeg.Platform;

namespace CxrSeg.Bench;

/// <summary>Runs the chosen suites, recording threads and machine load around each, and writes JSON and Markdown.</summary>
public static class BenchRunner
{
    /// <summary>Every suite, in the order they run when none is named.</summary>
    public static IReadOnlyList<IBenchSuite> AllSuites { get; } = BuildSuites();

    private static List<IBenchSuite> BuildSuites() =>
        [new GemmSuite(), new TrainStepSuite(), new ConvPathsSuite(), new EpochSuite(), new PrepareSuite(), new LoaderSuite(), new PredictSuite(), new MemorySuite(), new PhantomsSuite()];

    /// <summary>
    /// The suites run when none is named: all but <c>conv-paths</c>, which starts a process per convolution path and
    /// runs only when named.
    /// </summary>
    public static IReadOnlyList<IBenchSuite> DefaultSuites { get; } = AllSuites.Where(s => s is not ConvPathsSuite).ToList();

    /// <summary>Finds suites by name (none: <see cref="DefaultSuites"/>); unknown names fail with the list of valid ones.</summary>
    public static IReadOnlyList<IBenchSuite> Select(IReadOnlyList<string> names)
    {
        if (names.Count == 0) return DefaultSuites;
        return names.Select(n => AllSuites.FirstOrDefault(s => s.Name == n)
            ?? throw new UserFacingException($"unknown bench suite '{n}'; valid: {string.Join(", ", AllSuites.Select(s => s.Name))}")).ToList();
    }

    /// <summary>
    /// Runs the suites and returns the report; after every suite the report so far is written atomically to
    /// <paramref name="jsonPath"/> and <paramref name="markdownPath"/> when given. A suite that fails records its error
    /// as a note and the others still run.
    /// </summary>
    public static BenchReport Run(IReadOnlyList<IBenchSuite> suites, BenchContext context, string? jsonPath, string command = "cxrseg bench",
        Action<BenchSuiteResult>? onResult = null, string? markdownPath = null)
    {
        TorchRuntime.Initialize();
        var date = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);
        var runtime = $"libtorch {TorchRuntime.LibTorchVersion}, oneDNN {OneDnnIsa.Status.Split(" (")[0]}, convolutions {ConvolutionBackend.Current}, malloc {MallocTuning.Status.Split(" (")[0]}";
        var total = Stopwatch.StartNew();
        var results = new List<BenchSuiteResult>();
        BenchReport Report() => new(date, BenchReport.DescribeMachine(), command, context.Settings, context.Repeat, runtime, total.Elapsed.TotalSeconds, results);
        foreach (var suite in suites)
        {
            var notes = new List<string>();
            var other = MachineLoad.OtherBusyFraction();
            if (MachineLoad.BusyWarning(other) is { } w) notes.Add(w);
            var before = MachineLoad.LoadAverage1();
            var sw = Stopwatch.StartNew();
            IReadOnlyList<BenchFigure> figures;
            try { figures = suite.Run(context); }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                figures = [];
                notes.Add($"failed: {e.Message}");
            }
            var result = new BenchSuiteResult(suite.Name, figures, TorchSharp.torch.get_num_threads(), before,
                MachineLoad.LoadAverage1(), sw.Elapsed.TotalSeconds, notes, other, context.Repeat);
            results.Add(result);
            onResult?.Invoke(result);
            var report = Report();
            if (jsonPath is not null) AtomicFile.WriteAllText(jsonPath, report.ToJson());
            if (markdownPath is not null) AtomicFile.WriteAllText(markdownPath, BenchMarkdown.Render(report));
        }
        return Report();
    }
}
