using CxrSeg.Models;
using CxrSeg.Models.Networks;
using CxrSeg.Models.Weights;
using CxrSeg.Models.Weights.Onnx;
using CxrSeg.Tests.Support;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Google.Protobuf;
using Onnx;
using static TorchSharp.torch;

namespace CxrSeg.Tests.Models;

/// <summary>The bundled ImageNet ResNet18 (ML.NET's ONNX featurizer) against ONNX Runtime running the same graph.</summary>
public sealed class BundledImageNetWeightsTests
{
    private const string Encoder = "resnet18-cntk";

    private static (string Model, string Preprocess) Files() =>
        BundledImageNetWeights.Locate() ?? throw new InvalidOperationException("the bundled ONNX files are missing from the build output");

    /// <summary>The network graph with free height and width whose output is the last residual block's feature map.</summary>
    private static byte[] GraphEndingAt(string modelPath, string feature)
    {
        var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(modelPath));
        var input = model.Graph.Input.Single(i => i.Name == OnnxResNetReader.Read(OnnxGraph.Load(modelPath)).Input);
        input.Type.TensorType.Shape.Dim[2] = new TensorShapeProto.Types.Dimension { DimParam = "height" };
        input.Type.TensorType.Shape.Dim[3] = new TensorShapeProto.Types.Dimension { DimParam = "width" };
        model.Graph.ValueInfo.Clear();
        // Drop what follows the feature map (the 7×7 average pool, which does not fit other sizes).
        var after = new HashSet<string> { feature };
        foreach (var node in model.Graph.Node.ToList())
            if (node.Input.Any(after.Contains))
            {
                foreach (var o in node.Output) after.Add(o);
                model.Graph.Node.Remove(node);
            }
        model.Graph.Output.Clear();
        model.Graph.Output.Add(new ValueInfoProto { Name = feature, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = 1 } } });
        using var ms = new MemoryStream();
        model.WriteTo(ms);
        return ms.ToArray();
    }

    private static SegmentationNetwork Imported(string architecture, int inChannels)
    {
        var net = ModelFactory.Create(new ModelSpec(architecture, Encoder, inChannels, architecture == "autoencoder" ? inChannels : 3));
        BundledImageNetWeights.Load(net);
        net.eval();
        return net;
    }

    private static float RelativeMaxDifference(float[] a, float[] b)
    {
        Assert.Equal(a.Length, b.Length);
        var diff = a.Zip(b, (x, y) => Math.Abs(x - y)).Max();
        return diff / Math.Max(a.Max(Math.Abs), 1e-12f);
    }

    [Theory]
    [InlineData(224, 224)]
    [InlineData(160, 256)]
    public void The_imported_encoder_computes_the_onnx_graphs_final_feature_map(int height, int width)
    {
        var (modelPath, prepPath) = Files();
        var resnet = OnnxResNetReader.Read(OnnxGraph.Load(modelPath));
        var prep = OnnxPreprocessing.Read(OnnxGraph.Load(prepPath));
        using var session = new InferenceSession(GraphEndingAt(modelPath, resnet.LastFeature));

        // A natural-looking input in the graph's own space: pixels 0..255 minus the graph's channel means, network channel order.
        var rng = new Random(5);
        var graphInput = new float[3 * height * width];
        for (var c = 0; c < 3; c++)
        for (var i = 0; i < height * width; i++)
            graphInput[c * height * width + i] = (float)((rng.NextDouble() * 255 - prep.ChannelMeans[c]) * prep.Scale);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(resnet.Input, new DenseTensor<float>(graphInput, [1, 3, height, width]))]);
        var expected = results.First().AsTensor<float>();
        Assert.Equal(new[] { 1, 512, height / 32, width / 32 }, expected.Dimensions.ToArray());

        // The same pixels as the encoder sees them: RGB order, normalised with std 0.226 (the means are folded in the input itself).
        using var net = Imported("classifier", 3);
        using var graphTensor = tensor(graphInput, [1, 3, height, width]);
        using var rgb = zeros_like(graphTensor);
        for (var c = 0; c < 3; c++) rgb[.., prep.ChannelOrder[c]] = graphTensor[.., c];
        using var x = rgb / (255.0 * BundledImageNetWeights.Std * prep.Scale);
        using var _ = no_grad();
        var features = net.Encoder.call(x);
        var actual = features[^1].contiguous().data<float>().ToArray();

        Assert.True(RelativeMaxDifference(expected.ToArray(), actual) <= 1e-4f, $"max difference {RelativeMaxDifference(expected.ToArray(), actual)} of the largest value");
        Assert.True(actual.Max() > 0.1f, "the feature map is (almost) all zero; the comparison would be vacuous");
    }

    [Fact]
    public void The_grey_encoder_equals_the_rgb_encoder_on_a_grey_image()
    {
        using var grey3 = Imported("unet", 3);
        using var grey1 = Imported("unet", 1);
        manual_seed(3);
        using var image = randn(2, 1, 96, 128);
        using var _ = no_grad();
        var one = grey1.Encoder.call(image)[^1].contiguous().data<float>().ToArray();
        var three = grey3.Encoder.call(image.expand(2, 3, 96, 128).contiguous())[^1].contiguous().data<float>().ToArray();
        Assert.True(RelativeMaxDifference(three, one) <= 1e-4f, $"max difference {RelativeMaxDifference(three, one)} of the largest value");
    }

    [Fact]
    public void The_graph_walk_finds_the_resnet18_variant_and_the_bgr_mean_preprocessing()
    {
        var (modelPath, prepPath) = Files();
        var resnet = OnnxResNetReader.Read(OnnxGraph.Load(modelPath));
        Assert.Equal(new[] { 2, 2, 2, 3 }, resnet.BlocksPerStage);
        Assert.Equal(new long[] { 64, 3, 7, 7 }, resnet.Tensors["conv1.weight"].Shape);
        Assert.Equal(new long[] { 512, 256, 1, 1 }, resnet.Tensors["layer4.0.downsample.0.weight"].Shape);
        Assert.Equal(new long[] { 512 }, resnet.Tensors["layer4.2.bn2.running_var"].Shape);
        Assert.False(resnet.Tensors.ContainsKey("layer1.0.downsample.0.weight"));
        var prep = OnnxPreprocessing.Read(OnnxGraph.Load(prepPath));
        Assert.Equal(new[] { 2, 1, 0 }, prep.ChannelOrder);
        Assert.Equal(1.0, prep.Scale);
        Assert.All(prep.ChannelMeans, m => Assert.InRange(m, 80, 160));
    }

    [Theory]
    [InlineData("unet")]
    [InlineData("deeplabv3")]
    [InlineData("classifier")]
    [InlineData("autoencoder")]
    public void Every_architecture_takes_the_whole_encoder_and_trains_from_it(string architecture)
    {
        using var net = ModelFactory.Create(new ModelSpec(architecture, Encoder, 1, architecture == "autoencoder" ? 1 : 4));
        var report = BundledImageNetWeights.Load(net);
        var encoderKeys = net.state_dict().Keys.Count(k => k.StartsWith("encoder.", StringComparison.Ordinal));
        Assert.Equal(encoderKeys, report.Loaded.Count);
        Assert.Empty(report.Skipped);
        net.train();
        using var scope = NewDisposeScope();
        var output = net.call(randn(2, 1, 64, 64));
        output.square().mean().backward();
        Assert.True(float.IsFinite(output.abs().max().item<float>()));
        Assert.All(net.named_parameters(), p => Assert.True(p.parameter.grad is not null, $"{p.name} got no gradient"));
    }

    [Fact]
    public void Torchvisions_resnet18_does_not_take_the_extra_block_and_is_told_which_encoder_does()
    {
        using var net = ModelFactory.Create(new ModelSpec("unet", "resnet18", 1, 2));
        var e = Assert.Throws<UserFacingException>(() => BundledImageNetWeights.Load(net));
        Assert.Contains("2-2-2-3", e.Message);
        Assert.Contains("--encoder resnet18-cntk", e.Message);
    }

    [Fact]
    public void A_graph_with_a_dilated_convolution_is_refused_naming_the_node()
    {
        var (modelPath, prepPath) = Files();
        using var tmp = new TempDir();
        var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(modelPath));
        var conv = model.Graph.Node.Where(n => n.OpType == "Conv").ElementAt(5);
        conv.Name = "the-odd-conv";
        var dilations = conv.Attribute.Single(a => a.Name == "dilations");
        dilations.Ints.Clear();
        dilations.Ints.Add([2L, 2L]);
        var path = tmp.File(BundledImageNetWeights.ModelFileName);
        using (var f = File.Create(path)) model.WriteTo(f);
        File.Copy(prepPath, tmp.File(BundledImageNetWeights.PreprocessFileName));
        using var net = ModelFactory.Create(new ModelSpec("unet", Encoder, 1, 2));
        var e = Assert.Throws<UserFacingException>(() => BundledImageNetWeights.Load(net, path));
        Assert.Contains(path, e.Message);
        Assert.Contains("the-odd-conv", e.Message);
        Assert.Contains("dilated", e.Message);
    }

    [Fact]
    public void A_weights_file_given_explicitly_is_never_swapped_for_the_bundled_one()
    {
        using var tmp = new TempDir();
        var lone = tmp.File(BundledImageNetWeights.ModelFileName);
        File.Copy(Files().Model, lone);
        var e = Assert.Throws<UserFacingException>(() => BundledImageNetWeights.Locate(lone));
        Assert.Contains(BundledImageNetWeights.PreprocessFileName, e.Message);
        var pth = tmp.File("resnet18.pth");
        File.WriteAllBytes(pth, [1, 2, 3]);
        Assert.Contains(pth, Assert.Throws<UserFacingException>(() => BundledImageNetWeights.Locate(pth)).Message);
        Assert.NotNull(BundledImageNetWeights.Locate(tmp.File("no-such-folder"))); // a folder that is not there: the bundled files
    }

    [Fact]
    public void A_file_that_is_not_onnx_is_named_in_the_error()
    {
        using var tmp = new TempDir();
        var path = tmp.File("broken.onnx");
        File.WriteAllBytes(path, [0xff, 0xff, 0xff, 0x01, 0x02]);
        var e = Assert.Throws<UserFacingException>(() => OnnxGraph.Load(path));
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void The_normalisation_is_the_preprocessing_mean_at_unit_scale()
    {
        var (_, prepPath) = Files();
        var prep = OnnxPreprocessing.Read(OnnxGraph.Load(prepPath));
        var (mean, std) = BundledImageNetWeights.Normalisation();
        Assert.Equal(prep.ChannelMeans.Average() / 255.0, mean, 9);
        Assert.Equal(0.226, std);
    }
}
