using TorchSharp;
using static TorchSharp.torch;

namespace CxrSeg.Data.Cache;

/// <summary>
/// One training batch read from an <see cref="IPreparedSet"/>: images [B,1,S,S] float in 0..1, targets [B,C,S,S]
/// (masks, float 0/1) or [B,C] (labels, float), labelled [B,C] float 0/1. The caller disposes it.
/// </summary>
public sealed class PreparedBatch : IDisposable
{
    private PreparedBatch(Tensor images, Tensor targets, Tensor labelled)
    {
        Images = images;
        Targets = targets;
        Labelled = labelled;
    }

    /// <summary>Images, float 0..1.</summary>
    public Tensor Images { get; }
    /// <summary>Masks or labels, float 0/1.</summary>
    public Tensor Targets { get; }
    /// <summary>Per image and class: 1 labelled, 0 unknown.</summary>
    public Tensor Labelled { get; }

    /// <summary>
    /// Copies the given items out of the set (no decoding) into CPU tensors. The bytes go straight into tensor memory
    /// (no intermediate managed arrays) and libtorch converts them to float.
    /// </summary>
    public static PreparedBatch Read(IPreparedSet set, IReadOnlyList<int> indices)
    {
        int b = indices.Count, s = set.Size, c = set.ClassNames.Count, s2 = s * s;
        bool masks = set.Target == TargetKind.Mask;
        using var imgU8 = torch.empty([b, 1, s, s], ScalarType.Byte);
        using var labU8 = torch.empty([b, c], ScalarType.Byte);
        using var maskU8 = masks ? torch.empty([b, c, s, s], ScalarType.Byte) : null;
        var labels = masks ? null : torch.empty([b, c], ScalarType.Float32);
        var img = imgU8.bytes;
        var lab = labU8.bytes;
        var mask = maskU8 is null ? Span<byte>.Empty : maskU8.bytes;
        var lbl = labels is null ? Span<float>.Empty : System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(labels.bytes);
        for (int k = 0; k < b; k++)
        {
            int i = indices[k];
            set.CopyImage(i, img.Slice(k * s2, s2));
            if (masks) set.CopyMask(i, mask.Slice(k * c * s2, c * s2));
            else set.CopyLabels(i, lbl.Slice(k * c, c));
            set.CopyLabelled(i, lab.Slice(k * c, c));
        }
        var images = imgU8.to_type(ScalarType.Float32).div_(255f);
        var targets = maskU8?.to_type(ScalarType.Float32) ?? labels!;
        return new PreparedBatch(images, targets, labU8.to_type(ScalarType.Float32));
    }

    /// <summary>Frees the tensors.</summary>
    public void Dispose()
    {
        Images.Dispose();
        Targets.Dispose();
        Labelled.Dispose();
    }
}
