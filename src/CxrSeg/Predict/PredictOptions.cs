namespace CxrSeg.Predict;

/// <summary>Options of a prediction job.</summary>
public sealed record PredictOptions
{
    /// <summary>Probability threshold: a pixel belongs to a class when its sigmoid probability is ≥ this (unless the run's tuned thresholds apply, <see cref="RunThresholds"/>).</summary>
    public double Threshold { get; init; } = 0.5;

    /// <summary>Use the per-class thresholds the run tuned on validation (thresholds.json) when it has them; false: <see cref="Threshold"/> for every class (an explicit <c>--threshold</c>).</summary>
    public bool RunThresholds { get; init; } = true;

    /// <summary>Segment by sliding windows of this side (overlap 0.5, Gaussian weights) over the model's square input; 0: one pass.</summary>
    public int Window { get; init; }

    /// <summary>Test-time augmentation: average with the prediction of the horizontally flipped image (lung channels swapped back).</summary>
    public bool Tta { get; init; }

    /// <summary>Classes to keep (names, case-insensitive); empty: every class of the model.</summary>
    public IReadOnlyList<string> Classes { get; init; } = [];

    /// <summary>Images per forward pass.</summary>
    public int BatchSize { get; init; } = 4;

    /// <summary>"cpu", "cuda" or "cuda:N".</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>Replace existing output files (otherwise a job whose outputs exist is refused before any work).</summary>
    public bool Overwrite { get; init; }

    /// <summary>Skip images whose outputs are already complete (resume an interrupted job) instead of refusing.</summary>
    public bool SkipExisting { get; init; }

    /// <summary>A finding (effusion, pneumothorax, a device) is present when it covers at least this fraction of the image.</summary>
    public double PresenceFraction { get; init; } = 0.0005;

    /// <summary>Write the colour overlay PNG per image.</summary>
    public bool Overlays { get; init; } = true;

    /// <summary>Throws a <see cref="UserFacingException"/> naming the bad field; returns this for chaining.</summary>
    public PredictOptions Validate()
    {
        if (!(Threshold > 0 && Threshold < 1)) throw new UserFacingException($"--threshold must be in (0, 1) (got {Threshold})");
        if (Window < 0 || Window % 32 != 0) throw new UserFacingException($"--window must be 0 or a positive multiple of 32 (got {Window})");
        if (BatchSize < 1 || BatchSize > 1024) throw new UserFacingException($"--batch-size must be in 1..1024 (got {BatchSize})");
        if (!(PresenceFraction >= 0 && PresenceFraction < 1)) throw new UserFacingException($"presence fraction must be in [0, 1) (got {PresenceFraction})");
        if (!(Device == "cpu" || Device == "cuda" || (Device.StartsWith("cuda:", StringComparison.Ordinal) && int.TryParse(Device[5..], out var n) && n >= 0)))
            throw new UserFacingException($"--device must be cpu, cuda or cuda:N (got '{Device}')");
        if (Overwrite && SkipExisting) throw new UserFacingException("--overwrite and --skip-existing exclude each other");
        if (Classes.Any(string.IsNullOrWhiteSpace)) throw new UserFacingException("--classes holds an empty name");
        return this;
    }
}
