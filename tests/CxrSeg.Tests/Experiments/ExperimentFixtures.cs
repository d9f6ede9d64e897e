using System.Diagnostics;
using CxrSeg.Experiments;

namespace CxrSeg.Tests.Experiments;

/// <summary>Small grids, a counting executor, the repository root and a way to start the CLI as a real OS process.</summary>
internal static class ExperimentFixtures
{
    /// <summary>The repository root (holds CxrSeg.sln).</summary>
    public static string RepoRoot()
    {
        var env = Environment.GetEnvironmentVariable("CXRSEG_ROOT");
        if (env is not null && File.Exists(Path.Combine(env, "CxrSeg.sln"))) return env;
        var d = new DirectoryInfo(AppContext.BaseDirectory);
        while (d is not null && !File.Exists(Path.Combine(d.FullName, "CxrSeg.sln"))) d = d.Parent;
        return d?.FullName ?? throw new InvalidOperationException("repository root not found");
    }

    /// <summary>Writes a small grid file: unet × one encoder × given strategies, repeats, and synthetic options.</summary>
    public static string WriteGrid(string dir, string strategies, int repeats, int delayMs = 0, string extraOptions = "")
    {
        var path = Path.Combine(dir, "grid.yaml");
        File.WriteAllText(path, $"""
            name: small
            datasets: {"{"} chexpert: prepared/chexpert, siim: prepared/siim, ccxs: prepared/ccxs {"}"}
            options:
              imageSize: 32
              synthetic.delayMs: {delayMs}
            {extraOptions}
            architectures: [unet]
            encoders: [resnet18]
            strategies: [{strategies}]
            inits: [random]
            transfers: [encoder]
            repeats: {repeats}
            """);
        return path;
    }

    /// <summary>Starts <c>CxrSeg.Cli grid run ...</c> as a separate process (the CLI built beside the tests).</summary>
    public static Process StartCli(params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "CxrSeg.Cli.dll");
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(dll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["NO_COLOR"] = "1";
        return Process.Start(psi) ?? throw new InvalidOperationException("could not start the CLI");
    }

    /// <summary>Waits for the process and returns its exit code and output.</summary>
    public static (int Code, string Output) Finish(Process p, int timeoutMs = 60_000)
    {
        var o = p.StandardOutput.ReadToEndAsync();
        var e = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeoutMs))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException("CLI did not finish");
        }
        return (p.ExitCode, o.Result + e.Result);
    }

    /// <summary>Number of executor calls per stage id recorded by the synthetic executor.</summary>
    public static Dictionary<string, int> Calls(string workspace)
    {
        var dir = Path.Combine(workspace, "synthetic-calls");
        if (!Directory.Exists(dir)) return [];
        return Directory.GetFiles(dir).GroupBy(f => Path.GetFileName(f).Split('.')[0]).ToDictionary(g => g.Key, g => g.Count());
    }
}

/// <summary>An executor that counts calls per stage id and can be told to fail on a dataset.</summary>
internal sealed class CountingExecutor(DatasetKind? failOn = null) : IStageExecutor
{
    public Dictionary<string, int> Calls { get; } = [];

    public List<StageRequest> Requests { get; } = [];

    public void Execute(StageRequest request, IStageObserver observer, CancellationToken cancel)
    {
        lock (Calls)
        {
            Calls[request.StageId] = Calls.GetValueOrDefault(request.StageId) + 1;
            Requests.Add(request);
        }
        if (request.Stage.Dataset == failOn) throw new InvalidOperationException($"boom on {request.Stage.Dataset}");
        File.WriteAllText(Path.Combine(request.OutputFolder, "weights.txt"), request.StageId);
        if (request.IsFinal) SyntheticStageExecutor.Metrics(request.StageId).Save(Path.Combine(request.OutputFolder, "metrics.json"));
    }
}
