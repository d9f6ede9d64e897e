namespace CxrSeg.Experiments;

/// <summary>
/// The capability check grids use when none is passed: <see cref="DefaultCapability.Check"/> until the model registry
/// registers its own (once, at start-up).
/// </summary>
public static class ModelCapabilities
{
    private static ModelCapability _current = DefaultCapability.Check;

    /// <summary>The check in use.</summary>
    public static ModelCapability Current => Volatile.Read(ref _current);

    /// <summary>Replaces the check (e.g. by one asking the encoder registry whether it supports dilation).</summary>
    public static void Register(ModelCapability check) => Volatile.Write(ref _current, check ?? throw new ArgumentNullException(nameof(check)));
}
