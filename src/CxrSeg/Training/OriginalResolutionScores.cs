using System.Runtime.InteropServices;
using System.Text.Json;
using CxrSeg.Data.Cache;
using CxrSeg.Data.Ccxs;
using CxrSeg.Data.Images;
using CxrSeg.Data.Transforms;
using CxrSeg.Metrics;
using CxrSeg.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace CxrSeg.Training;

/// <summary>
/// Segmentation scores at each image's original resolution, so that runs prepared at different sizes compare: the
/// probabilities on the letterboxed square are mapped back to the source width × height as <c>cxrseg predict</c> does
/// (<see cref="MaskUpsampler"/>, same thresholds), and the ground truth is rasterised at full size from the dataset's
/// own labels (<see cref="CcxsMaskBuilder"/>), found through the source folder the prepared manifest records. CCXS only.
/// </summary>
public static class OriginalResolutionScores
{
    /// <summary>
    /// The pooled scores of <paramref name="indices"/>, or (null, why) when they cannot be computed: a set other than a
    /// single prepared CCXS cache, or a source folder that is gone or unreadable.
    /// </summary>
    public static (SegmentationScores? Scores, string? Note) Compute(IReadOnlyList<nn.Module<Tensor, Tensor>> models, IPreparedSet data,
        IReadOnlyList<int> indices, EvaluationSettings settings)
    {
        if (data is not PreparedSet set || !string.Equals(set.Manifest.Dataset, "ccxs", StringComparison.OrdinalIgnoreCase))
            return (null, null);
        var root = set.Manifest.Options.TryGetValue("source", out var s) ? s switch
        {
            JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
            string text => text,
            _ => null,
        } : null;
        if (root is null || !Directory.Exists(root))
            return (null, $"original-resolution IoU skipped: the prepared set's source folder {root ?? "(not recorded)"} is not available");
        CcxsDataset ds;
        try { ds = CcxsReader.Read(root); }
        catch (Exception e) when (e is UserFacingException or IOException or UnauthorizedAccessException)
        {
            return (null, $"original-resolution IoU skipped: {e.Message}");
        }
        var byName = ds.Images.GroupBy(i => i.FileName, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var c = data.ClassNames.Count;
        var thresholds = (settings.ClassThresholds ?? Enumerable.Repeat(settings.Threshold, c).ToArray()).Select(t => (float)t).ToArray();
        var all = Enumerable.Range(0, c).ToArray();
        var acc = new SegmentationAccumulator(data.ClassNames, settings.Threshold, settings.ClassThresholds);
        var builder = new BatchBuilder(data, BatchTarget.Masks, settings.Normalisation, settings.InChannels, null, new Device(settings.Device));
        try
        {
            EvaluationPass.Batches(models, builder, indices, settings.BatchSize, (idx, batch) =>
            {
                Tensor? sum = null;
                foreach (var m in models)
                {
                    var p = SlidingWindow.Probabilities(x => m.forward(x).sigmoid(), batch.Inputs, settings.Window);
                    sum = sum is null ? p : sum + p;
                }
                var probs = (sum! / models.Count).cpu().contiguous();
                var flat = MemoryMarshal.Cast<byte, float>(probs.bytes);
                var per = c * data.Size * data.Size;
                for (var j = 0; j < idx.Length; j++)
                {
                    if (!byName.TryGetValue(data.Id(idx[j]), out var image))
                        throw new UserFacingException($"{data.Id(idx[j])} is not in {root}/structure.csv");
                    var box = new Letterbox(image.Width, image.Height, data.Size);
                    var predicted = MaskUpsampler.Upsample(flat.Slice(j * per, per), c, all, box, thresholds);
                    var (truth, labelled) = CcxsMaskBuilder.Build(ds, image, image.Width, image.Height);
                    var n = image.Width * image.Height;
                    for (var k = 0; k < c; k++)
                    {
                        if (labelled[k] == 0) continue;
                        var (i, pr, t) = OverlapMath.Count(predicted[k], truth.AsSpan(k * n, n));
                        acc.Add(k, i, pr, t);
                    }
                    acc.AddImages(1);
                }
            });
        }
        catch (Exception e) when (e is UserFacingException or IOException)
        {
            return (null, $"original-resolution IoU skipped: {e.Message}");
        }
        return (acc.Compute(), null);
    }
}
