using CxrSeg.Data.Transforms;
using CxrSeg.Models.Networks;
using CxrSeg.Models.Weights.Onnx;
using static TorchSharp.torch;

namespace CxrSeg.Models.Weights;

/// <summary>
/// The ImageNet start that needs no download: ML.NET's ResNet18 featurizer (a CNTK ResNet18 with 2-2-2-3 BasicBlocks,
/// ONNX, MIT licence) from the NuGet package <c>Microsoft.ML.DnnImageFeaturizer.ResNet18</c>, which restore fetches
/// and the build copies beside the binaries. <see cref="Load"/> walks the network graph (<see cref="OnnxResNetReader"/>)
/// and the preprocessing graph (<see cref="OnnxPreprocessing"/>) and folds the preprocessing into the first
/// convolution: the graph feeds BGR pixels on the 0..255 scale minus a mean, so the RGB filters are taken in BGR order
/// and scaled by 255 × <see cref="Std"/>; the run then normalises grey input with <c>(pixel/255 − mean/255) / Std</c>,
/// which gives the first convolution exactly what the graph gives it for a grey image when all channel means are
/// equal (they differ by less than one grey level; the per-pixel mean image becomes its average).
/// </summary>
public static class BundledImageNetWeights
{
    /// <summary>The network graph's file name.</summary>
    public const string ModelFileName = "ResNet18.onnx";

    /// <summary>The preprocessing graph's file name.</summary>
    public const string PreprocessFileName = "ResNetPreprocess.onnx";

    /// <summary>Where the weights come from, for listings and run records.</summary>
    public const string Source = "NuGet Microsoft.ML.DnnImageFeaturizer.ResNet18 0.23.1 (MIT), bundled";

    /// <summary>The input standard deviation (0..1 scale) the first convolution is folded to: the project's usual ImageNet value, so inputs keep unit scale.</summary>
    public const double Std = 0.226;

    private const string PackageFolder = "microsoft.ml.dnnimagefeaturizer.resnet18/0.23.1/tools/DnnImageModels";
    private static readonly string ModelRelative = Path.Combine("ResNet18Onnx", ModelFileName);
    private static readonly string PreprocessRelative = Path.Combine("ResNetPrepOnnx", PreprocessFileName);

    /// <summary>
    /// The two graph files: from <paramref name="fileOrDir"/> when it is the network's <c>.onnx</c> file or a folder holding
    /// the package's <c>DnnImageModels</c> layout, else beside the binaries, else in the NuGet package cache. Null when
    /// none has them. A file given explicitly must be that network, with its preprocessing graph beside it or in the
    /// package layout; anything else is a <see cref="UserFacingException"/> (never a silent fall-back to the bundled files).
    /// </summary>
    public static (string Model, string Preprocess)? Locate(string? fileOrDir = null)
    {
        if (!string.IsNullOrWhiteSpace(fileOrDir) && File.Exists(fileOrDir))
        {
            if (!fileOrDir.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase))
                throw new UserFacingException($"--imagenet-weights {fileOrDir}: resnet18-cntk takes the ONNX file {ModelFileName} (or a folder holding DnnImageModels/), not this file");
            var folder = Path.GetDirectoryName(Path.GetFullPath(fileOrDir))!;
            var prep = new[] { Path.Combine(folder, "..", PreprocessRelative), Path.Combine(folder, PreprocessFileName) }.FirstOrDefault(File.Exists)
                ?? throw new UserFacingException($"--imagenet-weights {fileOrDir}: its preprocessing graph {PreprocessFileName} is neither beside it nor in ../{Path.GetDirectoryName(PreprocessRelative)}/");
            return (Path.GetFullPath(fileOrDir), Path.GetFullPath(prep));
        }
        foreach (var dir in Candidates(fileOrDir))
        {
            foreach (var root in new[] { dir, Path.Combine(dir, "DnnImageModels") })
            {
                var model = Path.Combine(root, ModelRelative);
                var prep = Path.Combine(root, PreprocessRelative);
                if (File.Exists(model) && File.Exists(prep)) return (Path.GetFullPath(model), Path.GetFullPath(prep));
            }
        }
        return null;
    }

    /// <summary>Whether the bundled files can be found (for listings).</summary>
    public static bool Available(string? fileOrDir = null) => Locate(fileOrDir) is not null;

    /// <summary>The normalisation a run starting from these weights uses: mean and std on the 0..1 scale.</summary>
    public static (double Mean, double Std) Normalisation(string? fileOrDir = null)
    {
        var (_, prepPath) = Require(fileOrDir);
        return (OnnxPreprocessing.Read(OnnxGraph.Load(prepPath)).GreyMean / 255.0, Std);
    }

    /// <summary>
    /// Loads the weights into <paramref name="network"/>'s encoder (which must have the same blocks: <c>resnet18-cntk</c>),
    /// adapting the first convolution to the network's input channels as for torchvision files (summed for grey).
    /// </summary>
    public static TransferReport Load(SegmentationNetwork network, string? fileOrDir = null)
    {
        var (modelPath, prepPath) = Require(fileOrDir);
        var resnet = OnnxResNetReader.Read(OnnxGraph.Load(modelPath));
        var prep = OnnxPreprocessing.Read(OnnxGraph.Load(prepPath));
        var tensors = EncoderTensors(resnet, prep, Std);
        try
        {
            var report = WeightTransfer.Apply(tensors, network, k => k.StartsWith("encoder.", StringComparison.Ordinal), "encoder." + network.Encoder.FirstConvKey);
            var unused = report.Unused.Where(k => !k.EndsWith(".num_batches_tracked", StringComparison.Ordinal)).ToList();
            if (report.Skipped.Count > 0 || unused.Count > 0)
                throw new UserFacingException(
                    $"{modelPath} (blocks {string.Join("-", resnet.BlocksPerStage)}) does not fit encoder '{network.Spec.Encoder}': {report.Summary}; use --encoder resnet18-cntk");
            return report;
        }
        finally
        {
            foreach (var t in tensors.Values) t.Dispose();
        }
    }

    /// <summary>
    /// The graph's weights as an encoder state dict (<c>encoder.</c> keys) for RGB input normalised with
    /// <c>(pixel/255 − mean) / <paramref name="std"/></c>: the first convolution's input channels are put in RGB order
    /// and scaled by 255 × std × the graph's scale. BatchNorm counters start at 0.
    /// </summary>
    public static Dictionary<string, Tensor> EncoderTensors(OnnxResNet resnet, OnnxPreprocessing prep, double std)
    {
        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (key, (values, shape)) in resnet.Tensors)
        {
            var t = tensor(values, shape);
            if (key == "conv1.weight")
            {
                // Network channel c reads RGB channel ChannelOrder[c]: put that filter at index ChannelOrder[c].
                var rgb = zeros_like(t);
                for (var c = 0; c < prep.ChannelOrder.Count; c++) rgb[.., prep.ChannelOrder[c]] = t[.., c];
                t.Dispose();
                t = rgb.mul_(255.0 * std * prep.Scale);
            }
            result["encoder." + key] = t;
            if (key.EndsWith(".running_var", StringComparison.Ordinal))
                result["encoder." + key[..^"running_var".Length] + "num_batches_tracked"] = tensor(0L);
        }
        return result;
    }

    private static (string Model, string Preprocess) Require(string? fileOrDir) =>
        Locate(fileOrDir) ?? throw new UserFacingException(
            $"the bundled ImageNet weights ({ModelRelative} and {PreprocessRelative} of {Source}) were not found beside the binaries or in the NuGet cache; " +
            "rebuild with ./cxrseg (restore fetches the package), or pass --imagenet-weights DIR holding the package's DnnImageModels folder");

    private static IEnumerable<string> Candidates(string? fileOrDir)
    {
        if (!string.IsNullOrWhiteSpace(fileOrDir)) yield return fileOrDir;
        yield return AppContext.BaseDirectory;
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
        if (string.IsNullOrWhiteSpace(cache))
            cache = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        yield return Path.Combine(cache, PackageFolder);
    }
}
