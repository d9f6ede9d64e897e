using CxrSeg.Models.Encoders;
using TorchSharp;
using static TorchSharp.torch;

namespace CxrSeg.Models.Networks;

/// <summary>
/// Encoder plus smp's <c>ClassificationHead</c> (global average pool, flatten, Dropout(0.2), linear): multi-label
/// logits [B, Classes] (14 CheXpert labels by default in the pipeline). Keys <c>classification_head.3.weight</c>.
/// </summary>
public sealed class Classifier : SegmentationNetwork
{
    private readonly nn.Module<Tensor, Tensor> _head;

    /// <summary>Builds the classifier around <paramref name="encoder"/>.</summary>
    public Classifier(ModelSpec spec, Encoder encoder) : base("Classifier", spec, encoder)
    {
        _head = nn.Sequential(nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Dropout(0.2), nn.Linear(encoder.Channels[^1], spec.Classes));
        InitHead(_head);
        register_module("encoder", encoder);
        register_module("classification_head", _head);
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor x)
    {
        CheckInput(x);
        return _head.call(Encoder.call(x)[^1]);
    }
}
