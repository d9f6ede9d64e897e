
namespace CxrSeg.Data.Cache;

/// <summary>manifest.json of a prepared cache: what is in it, how it was made, and what was left out and why.</summary>
public sealed record CacheManifest
{
    /// <summary>Cache layout version.</summary>
    public int Format { get; init; }
    /// <summary>ccxs, chexpert or siim.</summary>
    public string Dataset { get; init; } = "";
    /// <summary>Hash of the options (folder name).</summary>
    public string PrepId { get; init; } = "";
    /// <summary>Square side.</summary>
    public int Size { get; init; }
    /// <summary>Mask or Labels.</summary>
    public string Target { get; init; } = "";
    /// <summary>Channel/label names.</summary>
    public string[] ClassNames { get; init; } = [];
    /// <summary>Images in the cache.</summary>
    public int Count { get; init; }
    /// <summary>Items considered.</summary>
    public int Candidates { get; init; }
    /// <summary>Items rejected (see rejects.csv).</summary>
    public int Rejected { get; init; }
    /// <summary>masks.u8 or labels.f32.</summary>
    public string TargetFile { get; init; } = "";
    /// <summary>Every option and the conversion policies.</summary>
    public Dictionary<string, object> Options { get; init; } = [];
    /// <summary>Per class: images where it is present (drawn mask at source resolution, or positive label).</summary>
    public long[] ImagesWithClass { get; init; } = [];
    /// <summary>Per class: images where it is labelled.</summary>
    public long[] LabelledImages { get; init; } = [];
    /// <summary>Per class: fraction of cache pixels that are positive (masks only).</summary>
    public double[]? PositivePixelFraction { get; init; }
    /// <summary>Quirks of the source index (not rejects).</summary>
    public string[] Warnings { get; init; } = [];
    /// <summary>"id: reason" per rejected item.</summary>
    public string[] Rejects { get; init; } = [];
    /// <summary>Facts about the source.</summary>
    public Dictionary<string, object> SourceFacts { get; init; } = [];
    /// <summary>Facts about the splits.</summary>
    public Dictionary<string, object> SplitFacts { get; init; } = [];
    /// <summary>Split sizes.</summary>
    public Dictionary<string, int> Splits { get; init; } = [];
}
