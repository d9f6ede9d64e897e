using System.Diagnostics;
using CxrSeg.Data.Ccxs;
using CxrSeg.Data.Images;
using CxrSeg.Predict;
using TorchSharp;
using static TorchSharp.torch;

namespace CxrSeg.Bench;

/// <summary>
/// End-to-end prediction of image files, as <c>cxrseg predict</c> does it: load (decode, grey), letterbox, normalise,
/// forward, sigmoid, threshold, map every class mask back to the source resolution, compute the findings.
/// </summary>
public static class PredictMeasurement
{
    /// <summary>Seconds per image of predicting <paramref name="files"/> in batches of <paramref name="batch"/> (after one untimed image).</summary>
    public static double SecondsPerImage(nn.Module<Tensor, Tensor> model, IReadOnlyList<string> files, int size, int batch, string device)
    {
        var dev = new Device(device);
        var was = model.training;
        model.eval();
        try
        {
            PredictBatch(model, files.Take(1).ToArray(), size, dev);
            var sw = Stopwatch.StartNew();
            for (var i = 0; i < files.Count; i += batch)
                PredictBatch(model, files.Skip(i).Take(batch).ToArray(), size, dev);
            return sw.Elapsed.TotalSeconds / files.Count;
        }
        finally
        {
            model.train(was);
        }
    }

    /// <summary>Predicts a batch of files and returns each file's findings.</summary>
    public static IReadOnlyList<Findings> PredictBatch(nn.Module<Tensor, Tensor> model, IReadOnlyList<string> files, int size, Device device)
    {
        var n = size * size;
        var input = new float[files.Count * n];
        var boxes = new Letterbox[files.Count];
        const float mean = 0.449f, std = 0.226f;
        for (var j = 0; j < files.Count; j++)
        {
            var img = GreyImageLoader.Load(files[j]);
            boxes[j] = new Letterbox(img.Width, img.Height, size);
            var px = boxes[j].Apply(img);
            for (var k = 0; k < n; k++) input[j * n + k] = (px[k] / 255f - mean) / std;
        }
        byte[] binary;
        long classes;
        using (no_grad())
        using (NewDisposeScope())
        {
            var x = tensor(input, [files.Count, 1, size, size], device: device);
            var probs = model.call(x).sigmoid();
            classes = probs.shape[1];
            using var mask = probs.gt(0.5).to(ScalarType.Byte).cpu();
            binary = mask.data<byte>().ToArray();
        }
        var names = CcxsClasses.Names.Take((int)classes).ToArray();
        var result = new List<Findings>();
        for (var j = 0; j < files.Count; j++)
        {
            var masks = new byte[classes][];
            for (var c = 0; c < classes; c++)
                masks[c] = boxes[j].InvertMask(binary.AsSpan((int)((j * classes + c) * n), n));
            result.Add(FindingsCalculator.Compute(names, masks, boxes[j].SourceWidth, boxes[j].SourceHeight));
        }
        return result;
    }
}
