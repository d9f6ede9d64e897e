using Onnx;

namespace CxrSeg.Models.Weights.Onnx;

/// <summary>
/// What an ONNX preprocessing graph does to an RGB image on the 0..255 scale before the network sees it, read from the
/// graph: an optional channel reorder (<c>Split</c> on channels then <c>Concat</c>), subtraction of a stored mean
/// (a scalar, per channel, or a whole mean image) and an optional multiplication or division by a constant. The
/// network's input is <c>(reorder(rgb) − mean) × Scale</c>.
/// </summary>
/// <param name="ChannelOrder">For each network input channel, the RGB channel it takes (2, 1, 0 for BGR).</param>
/// <param name="ChannelMeans">Mean subtracted from each network channel, averaged over the image (0..255 scale).</param>
/// <param name="Scale">Factor applied after the subtraction (1 when the graph has none).</param>
public sealed record OnnxPreprocessing(IReadOnlyList<int> ChannelOrder, IReadOnlyList<double> ChannelMeans, double Scale)
{
    /// <summary>The mean over all channels and pixels (0..255 scale): what one grey channel has subtracted.</summary>
    public double GreyMean => ChannelMeans.Average();

    /// <summary>Reads the preprocessing of <paramref name="graph"/>; any other operation is a <see cref="UserFacingException"/> naming it.</summary>
    public static OnnxPreprocessing Read(OnnxGraph graph)
    {
        var inputs = graph.Inputs;
        if (inputs.Count != 1) throw Fail(graph, $"expected one image input, found {inputs.Count}");
        var value = inputs[0];
        int[] order = [0, 1, 2];
        double[]? means = null;
        var scale = 1.0;
        while (graph.ConsumersOf(value) is { Count: 1 } next)
        {
            var node = next[0];
            switch (node.OpType)
            {
                case "Split":
                {
                    if (OnnxGraph.Int(node, "axis", 0) != 1 || node.Output.Count != 3) throw Fail(graph, $"'{node.Name}' does not split the 3 channels");
                    var concat = graph.ConsumersOf(node.Output[0]).SingleOrDefault(n => n.OpType == "Concat" && OnnxGraph.Int(n, "axis", 0) == 1)
                        ?? throw Fail(graph, $"the channels split by '{node.Name}' are not concatenated on axis 1");
                    if (concat.Input.Count != 3 || concat.Input.Any(i => !node.Output.Contains(i))) throw Fail(graph, $"'{concat.Name}' does not reorder the 3 split channels");
                    order = concat.Input.Select(i => order[node.Output.IndexOf(i)]).ToArray();
                    value = concat.Output[0];
                    continue;
                }
                case "Sub":
                    means = ChannelMeansOf(graph, Constant(graph, node, value));
                    break;
                case "Mul":
                    scale *= Scalar(graph, node, value);
                    break;
                case "Div":
                    scale /= Scalar(graph, node, value);
                    break;
                default:
                    throw Fail(graph, $"operation {node.OpType} ('{node.Name}') is not a reorder, mean subtraction or scaling");
            }
            value = node.Output[0];
        }
        return new OnnxPreprocessing(order, means ?? [0.0, 0.0, 0.0], scale);
    }

    private static string Constant(OnnxGraph g, NodeProto node, string value)
    {
        if (node.Input.Count != 2 || node.Input[0] != value || !g.IsInitializer(node.Input[1]))
            throw Fail(g, $"'{node.Name}' must combine the image with a stored constant");
        return node.Input[1];
    }

    private static double Scalar(OnnxGraph g, NodeProto node, string value)
    {
        var v = g.FloatsOf(Constant(g, node, value));
        if (v.Distinct().Count() != 1) throw Fail(g, $"'{node.Name}' scales channels differently; only one factor is supported");
        return v[0];
    }

    /// <summary>Per-channel averages of a mean of shape [], [3], [1,3,1,1] or [1,3,H,W].</summary>
    private static double[] ChannelMeansOf(OnnxGraph g, string name)
    {
        var values = g.FloatsOf(name);
        var shape = g.ShapeOf(name);
        if (values.Length == 1) return [values[0], values[0], values[0]];
        var channelAxis = shape.Length == 1 ? 0 : 1;
        if (shape.Length is not (1 or 4) || shape[channelAxis] != 3 || (shape.Length == 4 && shape[0] != 1))
            throw Fail(g, $"mean '{name}' has shape [{string.Join(", ", shape)}]; expected one value per channel or a 1×3×H×W image");
        var per = values.Length / 3;
        return Enumerable.Range(0, 3).Select(c => values.Skip(c * per).Take(per).Average(v => (double)v)).ToArray();
    }

    private static UserFacingException Fail(OnnxGraph g, string why) => new($"{g.Path} is not a preprocessing graph this project can read: {why}");
}
