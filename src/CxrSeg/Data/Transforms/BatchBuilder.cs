using System.Runtime.InteropServices;
using CxrSeg.Data.Cache;
using TorchSharp;
using static TorchSharp.torch;

namespace CxrSeg.Data.Transforms;

/// <summary>
/// Reads images and targets of a prepared set into tensors: pixel/255, optional seeded augmentation, then
/// (x − mean) / std; grey replicated to the model's input channels. Tensors are created in the caller's
/// dispose scope.
/// </summary>
public sealed class BatchBuilder
{
    private readonly IPreparedSet _data;
    private readonly BatchTarget _target;
    private readonly Normalisation _norm;
    private readonly int _inChannels;
    private readonly Augmenter? _augmenter;
    private readonly Device _device;
    private readonly CropSampler? _crop;

    /// <summary>
    /// Creates a builder of batches whose targets are <paramref name="target"/>; <paramref name="augment"/> null means no augmentation;
    /// <paramref name="crop"/> (training only) cuts a seeded crop of each image and its masks before augmentation.
    /// </summary>
    public BatchBuilder(IPreparedSet data, BatchTarget target, Normalisation normalisation, int inChannels, AugmentOptions? augment, Device device,
        CropSampler? crop = null)
    {
        if (crop is not null && crop.Size > data.Size)
            throw new UserFacingException($"crop {crop.Size} is larger than the prepared images of '{data.Name}' ({data.Size}); prepare at a larger size or lower --crop");
        _crop = crop;
        _data = data;
        _target = target;
        _norm = normalisation;
        _inChannels = inChannels;
        _device = device;
        _augmenter = augment is { Enabled: true } ? new Augmenter(augment, Augmenter.LungPairs(data.ClassNames)) : null;
    }

    /// <summary>
    /// Builds a batch; <paramref name="seeds"/> (one per image) drive augmentation when enabled. Images are normalised
    /// straight into tensor memory and masks copied there as bytes (libtorch converts them to float), so no batch-sized
    /// managed array is allocated: fresh large allocations cost a page fault per 4 KiB on first touch.
    /// </summary>
    public Batch Build(IReadOnlyList<int> indices, IReadOnlyList<int>? seeds)
    {
        var full = _data.Size;
        var crop = seeds is null ? null : _crop;
        var s = crop?.Size ?? full;
        var n = s * s;
        var fullN = full * full;
        var c = _data.ClassNames.Count;
        var b = indices.Count;
        var isMask = _target == BatchTarget.Masks;
        var x = empty([b, 1, s, s], ScalarType.Float32);
        var lab = empty([b, c], ScalarType.Float32);
        using var masksU8 = isMask ? empty([b, c, s, s], ScalarType.Byte) : null;
        var labels = _target == BatchTarget.Labels ? empty([b, c], ScalarType.Float32) : null;
        var images = MemoryMarshal.Cast<byte, float>(x.bytes);
        var labSpan = MemoryMarshal.Cast<byte, float>(lab.bytes);
        var maskSpan = masksU8 is null ? Span<byte>.Empty : masksU8.bytes;
        var labelSpan = labels is null ? Span<float>.Empty : MemoryMarshal.Cast<byte, float>(labels.bytes);
        var bytes = new byte[fullN];
        var cropBytes = crop is null ? bytes : new byte[n];
        var img = new float[n];
        var fullMask = isMask && crop is not null ? new byte[c * fullN] : null;
        var mask = isMask && (_augmenter is not null || crop is not null) ? new byte[c * n] : null;
        var labelled = new byte[c];
        var scale = (float)(1.0 / 255);
        var (mean, std) = ((float)_norm.Mean, (float)_norm.Std);
        for (var j = 0; j < b; j++)
        {
            var i = indices[j];
            _data.CopyImage(i, bytes);
            _data.CopyLabelled(i, labelled);
            if (isMask) _data.CopyMask(i, fullMask ?? mask ?? maskSpan.Slice(j * c * n, c * n));
            if (crop is not null)
            {
                var window = crop.Choose(seeds![j], full, fullMask, labelled);
                crop.Extract<byte>(bytes, full, window, cropBytes);
                if (fullMask is not null) crop.Extract<byte>(fullMask, full, window, mask);
            }
            for (var k = 0; k < n; k++) img[k] = cropBytes[k] * scale;
            if (labels is not null) _data.CopyLabels(i, labelSpan.Slice(j * c, c));
            if (_augmenter is not null && seeds is not null) _augmenter.Apply(seeds[j], img, s, mask, labelled);
            var dst = images.Slice(j * n, n);
            for (var k = 0; k < n; k++) dst[k] = (img[k] - mean) / std;
            mask?.CopyTo(maskSpan.Slice(j * c * n, c * n));
            for (var k = 0; k < c; k++) labSpan[j * c + k] = _target == BatchTarget.Image ? 1f : labelled[k];
        }
        if (_inChannels > 1) x = x.expand(b, _inChannels, s, s).contiguous();
        x = x.to(_device);
        var labelledT = lab.to(_device);
        Tensor y = _target switch
        {
            BatchTarget.Masks => masksU8!.to(_device).to_type(ScalarType.Float32),
            BatchTarget.Labels => labels!.to(_device),
            _ => x,
        };
        return new Batch(x, y, labelledT);
    }
}
