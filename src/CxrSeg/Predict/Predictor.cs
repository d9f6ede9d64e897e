using CxrSeg.Data.Images;
using CxrSeg.Data.Transforms;
using CxrSeg.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace CxrSeg.Predict;

/// <summary>
/// Segments grey radiographs with a <see cref="TrainedModel"/>: each image is letterboxed into the model's
/// square input (aspect kept, black padding, as at prepare time), normalised as in training and run in
/// batches; the sigmoid probabilities of the image's part of the square are resized bilinearly back to the
/// original width × height and thresholded (<see cref="MaskUpsampler"/>). With TTA the probabilities are averaged with those of the
/// horizontally flipped image, flipped back and with the Right/Left Lung channels swapped back.
/// </summary>
public sealed class Predictor
{
    private readonly TrainedModel _model;
    private readonly int[] _keep;
    private readonly IReadOnlyList<(int A, int B)> _lungPairs;
    private readonly float[] _thresholds;

    /// <summary>Creates a predictor; <see cref="PredictOptions.Classes"/> must name classes of the model.</summary>
    public Predictor(TrainedModel model, PredictOptions options)
    {
        options.Validate();
        _model = model;
        Options = options;
        _keep = ResolveClasses(model.ClassNames, options.Classes);
        _lungPairs = Augmenter.LungPairs(model.ClassNames);
        ClassNames = _keep.Select(i => model.ClassNames[i]).ToArray();
        Thresholds = options.RunThresholds && model.ClassThresholds is { } tuned ? tuned.ToArray()
            : Enumerable.Repeat(options.Threshold, model.ClassNames.Count).ToArray();
        _thresholds = Thresholds.Select(t => (float)t).ToArray();
    }

    /// <summary>The threshold of every model class, in channel order: the run's tuned thresholds, or <see cref="PredictOptions.Threshold"/>.</summary>
    public IReadOnlyList<double> Thresholds { get; }

    /// <summary>True when the run's tuned per-class thresholds are used.</summary>
    public bool UsesTunedThresholds => Options.RunThresholds && _model.ClassThresholds is not null;

    /// <summary>The options.</summary>
    public PredictOptions Options { get; }

    /// <summary>The classes written, in the model's channel order.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>The model.</summary>
    public TrainedModel Model => _model;

    /// <summary>Maps requested names to channel indices (model order); throws naming an unknown class.</summary>
    public static int[] ResolveClasses(IReadOnlyList<string> modelClasses, IReadOnlyList<string> requested)
    {
        if (requested.Count == 0) return Enumerable.Range(0, modelClasses.Count).ToArray();
        var idx = new SortedSet<int>();
        foreach (var name in requested)
        {
            var i = -1;
            for (var k = 0; k < modelClasses.Count; k++)
                if (string.Equals(modelClasses[k], name.Trim(), StringComparison.OrdinalIgnoreCase)) i = k;
            if (i < 0) throw new UserFacingException($"--classes: '{name}' is not a class of this model (classes: {string.Join(", ", modelClasses)})");
            idx.Add(i);
        }
        return idx.ToArray();
    }

    /// <summary>Segments a batch of images (any sizes); one result per image, masks at the original resolution.</summary>
    public IReadOnlyList<ImagePrediction> Predict(IReadOnlyList<GreyImage> images) =>
        SquareProbabilities(images).Select((p, j) => ToOriginal(p, images[j])).ToArray();

    /// <summary>
    /// Runs the network over the images in batches of <see cref="PredictOptions.BatchSize"/> and returns, per image,
    /// the probabilities of every model class in the letterboxed square (C×S×S floats, small). Map them back one
    /// image at a time with <see cref="ToOriginal"/>, so that only one full-resolution image's masks are in memory.
    /// </summary>
    /// <param name="images">The images.</param>
    /// <param name="allocate">Gives the per-image arrays (of the asked length; their contents are overwritten), when given.</param>
    public IReadOnlyList<float[]> SquareProbabilities(IReadOnlyList<GreyImage> images, Func<int, float[]>? allocate = null)
    {
        var results = new List<float[]>(images.Count);
        for (var start = 0; start < images.Count; start += Options.BatchSize)
        {
            var chunk = images.Skip(start).Take(Options.BatchSize).ToArray();
            using var scope = NewDisposeScope();
            var boxes = chunk.Select(im => new Letterbox(im.Width, im.Height, _model.InputSize)).ToArray();
            using var probs = Probabilities(Input(chunk, boxes));
            var per = (int)(probs.numel() / chunk.Length);
            using var flat = probs.contiguous();
            var all = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(flat.bytes);
            for (var j = 0; j < chunk.Length; j++)
            {
                var a = allocate?.Invoke(per) ?? new float[per];
                if (a.Length != per) throw new ArgumentException("allocate returned an array of the wrong length");
                all.Slice(j * per, per).CopyTo(a);
                results.Add(a);
            }
        }
        return results;
    }

    /// <summary>
    /// Crops the image's part of the square probabilities (C×S×S), resizes it bilinearly to the original size and
    /// thresholds the kept classes (<see cref="MaskUpsampler"/>: managed code, safe to call from any thread).
    /// </summary>
    /// <param name="squareProbabilities">C×S×S probabilities of the image from <see cref="SquareProbabilities"/>.</param>
    /// <param name="image">The image (for its size).</param>
    /// <param name="allocate">Gives the mask planes (zeroed, of the asked length), when given.</param>
    public ImagePrediction ToOriginal(float[] squareProbabilities, GreyImage image, Func<int, byte[]>? allocate = null)
    {
        var box = new Letterbox(image.Width, image.Height, _model.InputSize);
        var masks = MaskUpsampler.Upsample(squareProbabilities, _model.ClassNames.Count, _keep, box, _thresholds, allocate);
        return new ImagePrediction(box.SourceWidth, box.SourceHeight, ClassNames, masks);
    }

    /// <summary>
    /// Sigmoid probabilities [B, C, S, S] on the CPU for a normalised input batch [B, InChannels, S, S],
    /// averaged with the flip-back of the flipped input's prediction when TTA is on.
    /// </summary>
    public Tensor Probabilities(Tensor input)
    {
        using var noGrad = no_grad();
        using var x = input.to(_model.Device);
        var p = Forward(x);
        if (Options.Tta)
        {
            using var flipped = x.flip(3);
            using var lf = Forward(flipped);
            using var pf = lf.flip(3);
            using var back = SwapLungs(pf);
            var avg = (p + back) / 2;
            p.Dispose();
            p = avg;
        }
        var cpu = p.cpu();
        if (!ReferenceEquals(cpu, p)) p.Dispose();
        return cpu;
    }

    /// <summary>Sigmoid probabilities of a batch: one pass, or sliding windows when <see cref="PredictOptions.Window"/> is set.</summary>
    private Tensor Forward(Tensor x) => SlidingWindow.Probabilities(t =>
    {
        using var logits = _model.Network.forward(t);
        return logits.sigmoid();
    }, x, Options.Window);

    /// <summary>Letterboxes and normalises images into a [B, InChannels, S, S] float tensor on the CPU.</summary>
    public Tensor Input(IReadOnlyList<GreyImage> images, IReadOnlyList<Letterbox> boxes)
    {
        var s = _model.InputSize;
        var n = s * s;
        var buf = new float[images.Count * n];
        var (mean, std) = ((float)_model.Normalisation.Mean, (float)_model.Normalisation.Std);
        for (var j = 0; j < images.Count; j++)
        {
            var sq = boxes[j].Apply(images[j]);
            for (var k = 0; k < n; k++) buf[j * n + k] = (sq[k] / 255f - mean) / std;
        }
        var x = tensor(buf, new long[] { images.Count, 1, s, s });
        var ch = _model.Spec.InChannels;
        return ch > 1 ? x.expand(images.Count, ch, s, s).contiguous() : x;
    }

    private Tensor SwapLungs(Tensor p)
    {
        if (_lungPairs.Count == 0) return p.alias();
        var order = Enumerable.Range(0, (int)p.shape[1]).ToArray();
        foreach (var (a, b) in _lungPairs) (order[a], order[b]) = (order[b], order[a]);
        using var idx = tensor(order.Select(i => (long)i).ToArray(), device: p.device);
        return p.index_select(1, idx);
    }
}
