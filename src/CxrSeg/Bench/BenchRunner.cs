using System.Diagnostics;
using System.Text.Json;
using CxrSeg.Platform;

namespace CxrSeg.Bench;

/// <summary>Runs the chosen suites, recording threads and machine load around each, and writes JSON.</summary>
public static class BenchRunner
{
    /// <summary>Every suite, in the order they run when none is named.</summary>
    public static IReadOnlyList<IBenchSuite> AllSuites { get; } = BuildSuites();

    private static List<IBenchSuite> BuildSuites() => [new GemmSuite()];

    /// <summary>Finds suites by name; unknown names fail with the list of valid ones.</summary>
    public static IReadOnlyList<IBenchSuite> Select(IReadOnlyList<string> names)
    {
        if (names.Count == 0) return AllSuites;
        return names.Select(n => AllSuites.FirstOrDefault(s => s.Name == n)
            ?? throw new UserFacingException($"unknown bench suite '{n}'; valid: {string.Join(", ", AllSuites.Select(s => s.Name))}")).ToList();
    }

    /// <summary>Runs the suites and returns their results (and writes <paramref name="jsonPath"/> atomically when given).</summary>
    public static IReadOnlyList<BenchSuiteResult> Run(IReadOnlyList<IBenchSuite> suites, BenchContext context, string? jsonPath,
        Action<BenchSuiteResult>? onResult = null)
    {
        TorchRuntime.Initialize();
        var results = new List<BenchSuiteResult>();
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
                MachineLoad.LoadAverage1(), sw.Elapsed.TotalSeconds, notes);
            results.Add(result);
            onResult?.Invoke(result);
            if (jsonPath is not null) Save(jsonPath, results);
        }
        return results;
    }

    private static void Save(string path, IReadOnlyList<BenchSuiteResult> results)
    {
        var doc = new
        {
            date = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'"),
            machine = $"{Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}",
            suites = results,
        };
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(doc, new JsonSerializerOptions { WriteIndented = true }));
    }
}
