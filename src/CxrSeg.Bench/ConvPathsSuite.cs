using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using CxrSeg.Platform;

namespace CxrSeg.Bench;

/// <summary>
/// Compares the convolution paths (<see cref="ConvolutionPath.All"/>) side by side: each runs in its own process
/// (the instruction-set cap must be set before libtorch loads), alternating, repeated <see cref="BenchContext.Repeat"/>
/// times; each gives the train step of the bench model, its rate as a fraction of the same process's GEMM, and the
/// gradient check of <c>doctor</c> under that path.
/// </summary>
public sealed partial class ConvPathsSuite : IBenchSuite
{
    /// <inheritdoc />
    public string Name => "conv-paths";

    /// <inheritdoc />
    public string Description => "each convolution path in its own process (oneDNN capped to AVX, AVX2, full ISA; libtorch's own): train step of the model, fraction of that process's gemm, gradient check";

    /// <inheritdoc />
    public IReadOnlyList<BenchFigure> Run(BenchContext context)
    {
        if (OneDnnIsa.Status.Contains("set by the user", StringComparison.Ordinal))
            throw new UserFacingException("conv-paths: DNNL_MAX_CPU_ISA is set in the environment; unset it so each path can choose its own instruction set");
        var cli = Environment.ProcessPath ?? throw new UserFacingException("conv-paths: cannot find the cxrseg executable to start the paths");
        var s = context.Settings;
        var steps = ConvolutionPath.All.ToDictionary(p => p.Name, _ => new List<double>());
        var fractions = ConvolutionPath.All.ToDictionary(p => p.Name, _ => new List<double>());
        Directory.CreateDirectory(context.Scratch);
        for (var round = 0; round < context.Repeat; round++)
        foreach (var path in ConvolutionPath.All)
        {
            var json = Path.Combine(context.Scratch, $"conv-path-{path.Name}.json");
            context.Log($"conv-paths: {path.Name} ({path.Variable}={path.Value}), round {round + 1}/{context.Repeat}");
            Run(cli, path, ["bench", "gemm", "train-step", "--pairings", s.Model, "--size", I(s.Size), "--batch", I(s.Batch), "--steps", I(s.Steps),
                "--device", context.Device, "--json", json, "--no-color"]);
            var report = BenchReport.Load(json);
            var figures = report.Suites.SelectMany(r => r.Figures).ToList();
            var step = figures.FirstOrDefault(f => f.Name == $"{s.Model} step") ?? throw new UserFacingException($"conv-paths: {path.Name} gave no train step ({json})");
            var rate = figures.FirstOrDefault(f => f.Name == $"{s.Model} rate");
            steps[path.Name].Add(step.Value);
            if (rate?.Ratio is { } r) fractions[path.Name].Add(r);
            File.Delete(json);
        }
        var passes = s.Size <= 64 ? 10 : 100;
        var result = new List<BenchFigure>();
        var baseline = BenchContext.Median(steps[ConvolutionPath.All[0].Name]);
        foreach (var path in ConvolutionPath.All)
        {
            var median = BenchContext.Median(steps[path.Name]);
            result.Add(new BenchFigure($"{path.Name} {s.Model} step", median, "s/step", baseline / median, $"speed-up over {ConvolutionPath.All[0].Name}"));
            if (fractions[path.Name].Count > 0)
                result.Add(new BenchFigure($"{path.Name} {s.Model} rate", BenchContext.Median(fractions[path.Name]), "of gemm"));
            var (bad, total, sound, line) = GradientCheck(cli, path, passes);
            context.Log($"conv-paths: {path.Name} gradient check: {line}");
            result.Add(new BenchFigure($"{path.Name} gradient check", bad, $"bad of {total} passes", Target: "0 bad, float64 agrees", Met: sound));
        }
        return result;
    }

    private static (int Bad, int Total, bool Sound, string Line) GradientCheck(string cli, ConvolutionPath path, int passes)
    {
        var output = Run(cli, path, ["doctor", "--no-gemm", "--passes", I(passes), "--json"]);
        using var doc = JsonDocument.Parse(output);
        foreach (var item in doc.RootElement.GetProperty("items").EnumerateArray())
        {
            var name = item.GetProperty("name").GetString() ?? "";
            if (!name.StartsWith("gradient check", StringComparison.Ordinal)) continue;
            var value = item.GetProperty("value").GetString() ?? "";
            var m = BadPasses().Match(value);
            return m.Success
                ? (int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), item.GetProperty("ok").GetBoolean(), value)
                : (passes, passes, false, value);
        }
        throw new UserFacingException($"conv-paths: {path.Name}: doctor reported no gradient check");
    }

    /// <summary>Runs the CLI under one path; returns its standard output, or fails with its error output.</summary>
    private static string Run(string cli, ConvolutionPath path, IReadOnlyList<string> args)
    {
        var psi = new ProcessStartInfo(cli) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        // The parent's own cap is in its environment (set before libtorch loaded): the child must choose afresh.
        psi.Environment.Remove("DNNL_MAX_CPU_ISA");
        psi.Environment.Remove("CXRSEG_ONEDNN_ISA");
        psi.Environment.Remove("CXRSEG_CONV");
        psi.Environment[path.Variable] = path.Value;
        using var p = Process.Start(psi) ?? throw new UserFacingException($"conv-paths: could not start {cli}");
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0 && !(args[0] == "doctor" && stdout.TrimStart().StartsWith('{')))
            throw new UserFacingException($"conv-paths: {path.Name} ({path.Variable}={path.Value}) failed with exit code {p.ExitCode}: {stderr.Result.Trim()}");
        return stdout;
    }

    private static string I(int v) => v.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"(\d+) of (\d+) passes bad")]
    private static partial Regex BadPasses();
}
