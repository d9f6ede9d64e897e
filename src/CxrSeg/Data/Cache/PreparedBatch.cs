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
        var img = new float[b * s2];
        var lab = new float[b * c];
        bool masks = set.Target == TargetKind.Mask;
        var tgt = new float[masks ? b * c * s2 : b * c];
        var bytes = new byte[masks ? c * s2 : s2];
        var flags = new byte[c];
        var labels = new float[c];
        for (int k = 0; k < b; k++)
        {
            int i = indices[k];
            set.CopyImage(i, bytes.AsSpan(0, s2));
            for (int p = 0; p < s2; p++) img[k * s2 + p] = bytes[p] * (1f / 255f);
            if (masks)
            {
                set.CopyMask(i, bytes);
                for (int p = 0; p < c * s2; p++) tgt[k * c * s2 + p] = bytes[p];
            }
            else
            {
                set.CopyLabels(i, labels);
                labels.CopyTo(tgt, k * c);
            }
            set.CopyLabelled(i, flags);
            for (int j = 0; j < c; j++) lab[k * c + j] = flags[j];
        }
        return new PreparedBatch(
            torch.tensor(img, [b, 1, s, s]),
            masks ? torch.tensor(tgt, [b, c, s, s]) : torch.tensor(tgt, [b, c]),
            torch.tensor(lab, [b, c]));
    }

    /// <summary>Frees the tensors.</summary>
    public void Dispose()
    {
        Images.Dispose();
        Targets.Dispose();
        Labelled.Dispose();
    }
}
