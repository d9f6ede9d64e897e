namespace CxrSeg.Phantoms;

/// <summary>Options of <see cref="PhantomSynthesizer.Run"/>.</summary>
public sealed record SynthOptions
{
    /// <summary>Output folder; receives <c>chexpert/</c>, <c>siim/</c> and <c>ccxs/</c>.</summary>
    public string OutputDir { get; init; } = "synth";
    /// <summary>Run seed: the same seed gives byte-identical trees.</summary>
    public int Seed { get; init; } = 1;
    /// <summary>CheXpert-like rows (frontal and lateral images).</summary>
    public int CheXpertCount { get; init; } = 300;
    /// <summary>SIIM-like DICOM images.</summary>
    public int SiimCount { get; init; } = 150;
    /// <summary>CCXS-like annotated images.</summary>
    public int CcxsCount { get; init; } = 100;
    /// <summary>Base image size in pixels (CheXpert height; SIIM 1.5×; CCXS 0.8–2×).</summary>
    public int Size { get; init; } = 320;
    /// <summary>Worker threads; 0 = one per core.</summary>
    public int Threads { get; init; }
    /// <summary>Optional contact-sheet PNG.</summary>
    public string? PreviewPath { get; init; }

    /// <summary>Draw mask outlines and boxes on the preview (false shows the plain radiographs).</summary>
    public bool PreviewOverlays { get; init; } = true;

    /// <summary>Throws a <see cref="UserFacingException"/> naming the bad option.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(OutputDir)) throw new UserFacingException("synth: --out must name a folder");
        if (CheXpertCount < 0) throw new UserFacingException($"synth: --chexpert must be >= 0 (got {CheXpertCount})");
        if (SiimCount < 0) throw new UserFacingException($"synth: --siim must be >= 0 (got {SiimCount})");
        if (CcxsCount < 0) throw new UserFacingException($"synth: --ccxs must be >= 0 (got {CcxsCount})");
        if (CheXpertCount + SiimCount + CcxsCount == 0) throw new UserFacingException("synth: all counts are 0; nothing to write");
        if (Size is < 64 or > 4096) throw new UserFacingException($"synth: --size must be 64–4096 (got {Size})");
        if (Threads < 0) throw new UserFacingException($"synth: --threads must be >= 0 (got {Threads})");
    }

    /// <summary>Effective worker count.</summary>
    public int EffectiveThreads => Threads > 0 ? Threads : Environment.ProcessorCount;
}
