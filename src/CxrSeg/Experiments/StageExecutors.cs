namespace CxrSeg.Experiments;

/// <summary>
/// Named executor factories: "torch" (the default, <see cref="TorchStageExecutor"/>: real training) and "synthetic"
/// (synthetic metrics, for dry runs and tests) are built in; <see cref="Register"/> adds or replaces one. A factory
/// receives the workspace.
/// </summary>
public static class StageExecutors
{
    private static readonly Dictionary<string, Func<Workspace, IStageExecutor>> Factories = new(StringComparer.OrdinalIgnoreCase)
    {
        ["synthetic"] = ws => new SyntheticStageExecutor(Path.Combine(ws.Root, "synthetic-calls")),
        [DefaultName] = ws => new TorchStageExecutor(ws.Root),
    };

    /// <summary>The executor used when none is named.</summary>
    public const string DefaultName = "torch";

    /// <summary>Registers (or replaces) a factory.</summary>
    public static void Register(string name, Func<Workspace, IStageExecutor> factory)
    {
        lock (Factories) Factories[name] = factory;
    }

    /// <summary>Creates the named executor; a clear error when it is not available in this build.</summary>
    public static IStageExecutor Create(string name, Workspace ws)
    {
        lock (Factories)
        {
            if (Factories.TryGetValue(name, out var f)) return f(ws);
            throw new UserFacingException(name == DefaultName
                ? "the training engine (executor 'torch') is not available in this build"
                : $"unknown executor '{name}'; available: {string.Join(", ", Factories.Keys)}");
        }
    }
}
