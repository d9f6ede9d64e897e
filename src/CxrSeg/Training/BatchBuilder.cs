using CxrSeg.Data.Cache;
using TorchSharp;
using static TorchSharp.torch;

namespace CxrSeg.Training;

/// <summary>
/// Reads images and targets of a prepared set into tensors: pixel/255, optional seeded augmentation, then
/// (x − mean) / std; grey replicated to the model's input channels. Tensors are created in the caller's
/// dispose scope.
/// </summary>
public sealed class BatchBuilder
{
    private readonly IPreparedSet _data;
    private readonly TrainTask _task;
    private readonly Normalisation _norm;
    private readonly int _inChannels;
    private readonly Augmenter? _augmenter;
    private readonly Device _device;

    /// <summary>Creates a builder; <paramref name="augment"/> null means no augmentation.</summary>
    public BatchBuilder(IPreparedSet data, TrainTask task, Normalisation normalisation, int inChannels, AugmentOptions? augment, Device device)
    {
        _data = data;
        _task = task;
        _norm = normalisation;
        _inChannels = inChannels;
        _device = device;
        _augmenter = augment is { Enabled: true } ? new Augmenter(augment, Augmenter.LungPairs(data.ClassNames)) : null;
    }

    /// <summary>Builds a batch; <paramref name="seeds"/> (one per image) drive augmentation when enabled.</summary>
    public Batch Build(IReadOnlyList<int> indices, IReadOnlyList<int>? seeds)
    {
        var s = _data.Size;
        var n = s * s;
        var c = _data.ClassNames.Count;
        var b = indices.Count;
        var images = new float[b * n];
        var lab = new float[b * c];
        var isMask = _task == TrainTask.Segment;
        var masks = isMask ? new float[b * c * n] : null;
        var labels = _task == TrainTask.Classify ? new float[b * c] : null;
        var bytes = new byte[n];
        var img = new float[n];
        var mask = isMask ? new byte[c * n] : null;
        var labelled = new byte[c];
        var scale = (float)(1.0 / 255);
        for (var j = 0; j < b; j++)
        {
            var i = indices[j];
            _data.CopyImage(i, bytes);
            for (var k = 0; k < n; k++) img[k] = bytes[k] * scale;
            _data.CopyLabelled(i, labelled);
            if (mask is not null) _data.CopyMask(i, mask);
            if (labels is not null) _data.CopyLabels(i, labels.AsSpan(j * c, c));
            if (_augmenter is not null && seeds is not null) _augmenter.Apply(seeds[j], img, s, mask, labelled);
            var (mean, std) = ((float)_norm.Mean, (float)_norm.Std);
            for (var k = 0; k < n; k++) images[j * n + k] = (img[k] - mean) / std;
            if (mask is not null)
                for (var k = 0; k < c * n; k++) masks![j * c * n + k] = mask[k];
            for (var k = 0; k < c; k++) lab[j * c + k] = _task == TrainTask.Reconstruct ? 1f : labelled[k];
        }
        var x = tensor(images, new long[] { b, 1, s, s }).clone();
        if (_inChannels > 1) x = x.expand(b, _inChannels, s, s).contiguous();
        x = x.to(_device);
        var labelledT = tensor(lab, new long[] { b, c }).clone().to(_device);
        Tensor y = _task switch
        {
            TrainTask.Segment => tensor(masks!, new long[] { b, c, s, s }).clone().to(_device),
            TrainTask.Classify => tensor(labels!, new long[] { b, c }).clone().to(_device),
            _ => x,
        };
        return new Batch(x, y, labelledT);
    }
}
