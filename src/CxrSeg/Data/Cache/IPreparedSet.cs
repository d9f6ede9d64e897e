namespace CxrSeg.Data.Cache;

/// <summary>
/// A prepared dataset: square grey images (bright = dense) of one size with per-image targets, read from the
/// prepared cache (or memory, in tests). Everything here is deterministic; augmentation happens per batch.
/// </summary>
public interface IPreparedSet
{
    /// <summary>Dataset kind: "ccxs", "chexpert" or "siim".</summary>
    string Name { get; }

    /// <summary>Number of images.</summary>
    int Count { get; }

    /// <summary>Images are Size×Size.</summary>
    int Size { get; }

    /// <summary>Segmentation channels (Target = Mask) or classification labels (Target = Labels), in order.</summary>
    IReadOnlyList<string> ClassNames { get; }

    /// <summary>What the per-image target is.</summary>
    TargetKind Target { get; }

    /// <summary>The splits written once at prepare time.</summary>
    DatasetSplits Splits { get; }

    /// <summary>Stable image id (file name or SOP instance UID).</summary>
    string Id(int index);

    /// <summary>Patient id (the image id where the dataset has no patients).</summary>
    string PatientId(int index);

    /// <summary>Copies Size×Size bytes, row-major, 0..255.</summary>
    void CopyImage(int index, Span<byte> destination);

    /// <summary>Copies C×Size×Size bytes of 0/1 (channel-major). Only when Target = Mask.</summary>
    void CopyMask(int index, Span<byte> destination);

    /// <summary>Copies C floats (0/1 after the uncertainty policy). Only when Target = Labels.</summary>
    void CopyLabels(int index, Span<float> destination);

    /// <summary>Copies C bytes: 1 where the class is labelled for this image, 0 where it is unknown (left out of loss and metrics).</summary>
    void CopyLabelled(int index, Span<byte> destination);
}
