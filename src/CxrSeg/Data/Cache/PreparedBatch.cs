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

    /// <summary>Copies the given items out of the set (no decoding) into CPU tensors.</summary>
    public static PreparedBatch Read(IPreparedSet set, IReadOnlyList<int> indices)
    {
        int b = indices.Count, s = set.Size, c = set.ClassNames.Count, s2 = s * s;
        bool masks = set.Target == TargetKind.Mask;
        var img = new byte[b * s2];
        var tgtBytes = masks ? new byte[b * c * s2] : null;
        var tgtFloats = masks ? null : new float[b * c];
        var lab = new byte[b * c];
        for (int k = 0; k < b; k++)
        {
            int i = indices[k];
            set.CopyImage(i, img.AsSpan(k * s2, s2));
            if (masks) set.CopyMask(i, tgtBytes.AsSpan(k * c * s2, c * s2));
            else set.CopyLabels(i, tgtFloats.AsSpan(k * c, c));
            set.CopyLabelled(i, lab.AsSpan(k * c, c));
        }
        using var imgU8 = torch.tensor(img, [b, 1, s, s], ScalarType.Byte);
        var images = imgU8.to_type(ScalarType.Float32).div_(255f);
        Tensor targets;
        if (masks)
        {
            using var t = torch.tensor(tgtBytes!, [b, c, s, s], ScalarType.Byte);
            targets = t.to_type(ScalarType.Float32);
        }
        else targets = torch.tensor(tgtFloats!, [b, c]);
        using var labU8 = torch.tensor(lab, [b, c], ScalarType.Byte);
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
