
namespace CxrSeg.Experiments;

/// <summary>
/// The named executors: "torch" (the default, <see cref="TorchStageExecutor"/>: real training) and "synthetic"
/// (synthetic metrics, for dry runs and tests). A factory receives the workspace.
/// </summary>
public static class StageExecutors
{
    private static readonly IReadOnlyDictionary<string, Func<Workspace, IStageExecutor>> Factories =
        new Dictionary<string, Func<Workspace, IStageExecutor>>(StringComparer.OrdinalIgnoreCase)
        {
            ["synthetic"] = ws => new SyntheticStageExecutor(Path.Combine(ws.Root, "synthetic-calls")),
            [DefaultName] = ws => new TorchStageExecutor(ws.Root),
        };

    /// <summary>The executor used when none is named.</summary>
    public const string DefaultName = "torch";

    /// <summary>Creates the named executor; a clear error naming the available ones otherwise.</summary>
    public static IStageExecutor Create(string name, Workspace ws) =>
        Factories.TryGetValue(name, out var f) ? f(ws)
            : throw new UserFacingException($"unknown executor '{name}'; available: {string.Join(", ", Factories.Keys)}");
}
