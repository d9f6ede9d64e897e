using CxrSeg.Data.Cache;

namespace CxrSeg.Data.Prepare;

/// <summary>A dataset as <c>prepare</c> sees it: an ordered list of items that can each be loaded independently (in parallel).</summary>
public interface IPrepareSource
{
    /// <summary>"ccxs", "chexpert" or "siim".</summary>
    string Name { get; }

    /// <summary>Channel or label names.</summary>
    IReadOnlyList<string> ClassNames { get; }

    /// <summary>Mask or labels.</summary>
    TargetKind Target { get; }

    /// <summary>Number of candidate items.</summary>
    int Count { get; }

    /// <summary>Quirks met while reading the index (reported as warnings, not rejects).</summary>
    IReadOnlyList<string> Warnings { get; }

    /// <summary>Facts about the source for the manifest (counts left out, policies).</summary>
    IReadOnlyDictionary<string, object> Facts { get; }

    /// <summary>Stable id of item <paramref name="index"/>.</summary>
    string ItemId(int index);

    /// <summary>The source file of item <paramref name="index"/> (for rejects.csv).</summary>
    string ItemSource(int index);

    /// <summary>Decodes and rasterises item <paramref name="index"/> at <paramref name="size"/>; throws <see cref="UserFacingException"/> for a bad item.</summary>
    PreparedItem Load(int index, int size);

    /// <summary>Makes the splits over the accepted items and returns facts about them for the manifest.</summary>
    (DatasetSplits Splits, IReadOnlyDictionary<string, object> Facts) Split(IReadOnlyList<PreparedItem> items, int seed);
}
