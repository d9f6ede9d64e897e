using Onnx;

namespace CxrSeg.Models.Weights.Onnx;

/// <summary>
/// Finds a ResNet (BasicBlocks, convolutions without bias each followed by BatchNorm) in an ONNX graph by walking it
/// from its input, not by initializer names: stem 7×7/2 convolution → BatchNorm → ReLU → 3×3/2 max-pool, then blocks
/// of two 3×3 convolutions whose sum with the block input (or with a 1×1 strided projection of it) goes through a
/// ReLU. A block with a projection starts a new stage. Every convolution must be ungrouped and undilated with the
/// padding torchvision uses at the start of each axis; a strided convolution or pool may pad one less at the end,
/// which gives the same output on even sizes. Anything else is a <see cref="UserFacingException"/> naming the node.
/// </summary>
public static class OnnxResNetReader
{
    private const float TorchBatchNormEpsilon = 1e-5f;

    /// <summary>Reads the ResNet of <paramref name="graph"/>.</summary>
    public static OnnxResNet Read(OnnxGraph graph)
    {
        var inputs = graph.Inputs;
        if (inputs.Count != 1) throw Fail(graph, $"expected one image input, found {inputs.Count}");
        var tensors = new Dictionary<string, (float[], long[])>(StringComparer.Ordinal);

        var stem = Single(graph, inputs[0], "Conv");
        Conv(graph, stem, "conv1", tensors, kernel: 7, stride: 2);
        var x = Relu(graph, Bn(graph, stem, "bn1", tensors));
        var pool = Single(graph, x, "MaxPool");
        CheckWindow(graph, pool, kernel: 3, stride: 2);
        x = pool.Output[0];

        var stages = new List<int>();
        while (true)
        {
            var convs = graph.ConsumersOf(x).Where(n => n.OpType == "Conv").ToList();
            if (convs.Count == 0) break;
            var main = convs.SingleOrDefault(n => KernelOf(graph, n) == 3) ?? throw Fail(graph, $"no 3×3 convolution reads '{x}'");
            var projection = convs.SingleOrDefault(n => KernelOf(graph, n) == 1);
            if (convs.Count != (projection is null ? 1 : 2)) throw Fail(graph, $"'{x}' feeds {convs.Count} convolutions; a residual block has one or two");
            if (projection is not null || stages.Count == 0) stages.Add(0);
            var prefix = $"layer{stages.Count}.{stages[^1]}.";
            var stride = (int)OnnxGraph.Ints(main, "strides", [1, 1])[0];

            Conv(graph, main, prefix + "conv1", tensors, kernel: 3, stride: stride);
            var y = Relu(graph, Bn(graph, main, prefix + "bn1", tensors));
            var second = Single(graph, y, "Conv");
            Conv(graph, second, prefix + "conv2", tensors, kernel: 3, stride: 1);
            y = Bn(graph, second, prefix + "bn2", tensors);
            var add = Single(graph, y, "Add");
            var shortcut = add.Input.Single(i => i != y);
            if (projection is null)
            {
                if (shortcut != x) throw Fail(graph, $"block {prefix.TrimEnd('.')}: the sum '{add.Name}' does not read the block input '{x}'");
            }
            else
            {
                Conv(graph, projection, prefix + "downsample.0", tensors, kernel: 1, stride: stride);
                if (shortcut != Bn(graph, projection, prefix + "downsample.1", tensors))
                    throw Fail(graph, $"block {prefix.TrimEnd('.')}: the sum '{add.Name}' does not read the projection's BatchNorm");
            }
            x = Relu(graph, add.Output[0]);
            stages[^1]++;
        }
        if (stages.Count != 4) throw Fail(graph, $"found {stages.Count} stages of residual blocks, a ResNet has 4");
        return new OnnxResNet(tensors, stages, inputs[0], x);
    }

    private static void Conv(OnnxGraph g, NodeProto conv, string key, Dictionary<string, (float[], long[])> tensors, int kernel, int stride)
    {
        if (conv.Input.Count != 2 || !g.IsInitializer(conv.Input[1]))
            throw Fail(g, $"convolution '{conv.Name}' ({key}) must have stored weights and no bias");
        if (OnnxGraph.Int(conv, "group", 1) != 1 || OnnxGraph.Ints(conv, "dilations", [1, 1]).Any(d => d != 1))
            throw Fail(g, $"convolution '{conv.Name}' ({key}) is grouped or dilated");
        var shape = g.ShapeOf(conv.Input[1]);
        if (shape.Length != 4 || shape[2] != kernel || shape[3] != kernel)
            throw Fail(g, $"convolution '{conv.Name}' ({key}) has weights [{string.Join(", ", shape)}], expected a {kernel}×{kernel} kernel");
        CheckWindow(g, conv, kernel, stride);
        tensors[key + ".weight"] = (g.FloatsOf(conv.Input[1]), shape);
    }

    /// <summary>Kernel, strides and padding of a convolution or pool: torchvision's padding (kernel / 2) at the start, the same or one less at the end when strided.</summary>
    private static void CheckWindow(OnnxGraph g, NodeProto node, int kernel, int stride)
    {
        var k = OnnxGraph.Ints(node, "kernel_shape", []);
        var s = OnnxGraph.Ints(node, "strides", [1, 1]);
        var p = OnnxGraph.Ints(node, "pads", [0, 0, 0, 0]);
        var autoPad = OnnxGraph.Text(node, "auto_pad", "NOTSET");
        if (k.Length != 2 || k.Any(v => v != kernel)) throw Fail(g, $"'{node.Name}' has kernel [{string.Join(", ", k)}], expected {kernel}×{kernel}");
        if (s.Length != 2 || s.Any(v => v != stride)) throw Fail(g, $"'{node.Name}' has strides [{string.Join(", ", s)}], expected {stride}");
        if (autoPad is not ("NOTSET" or "")) throw Fail(g, $"'{node.Name}' uses auto_pad {autoPad}");
        var begin = kernel / 2;
        var endOk = stride == 1 ? new[] { begin } : [begin, begin - 1];
        if (p.Length != 4 || p[0] != begin || p[1] != begin || !endOk.Contains((int)p[2]) || !endOk.Contains((int)p[3]))
            throw Fail(g, $"'{node.Name}' pads [{string.Join(", ", p)}]; this encoder pads {begin} on each side");
    }

    private static string Bn(OnnxGraph g, NodeProto conv, string key, Dictionary<string, (float[], long[])> tensors)
    {
        var bn = Single(g, conv.Output[0], "BatchNormalization");
        if (bn.Input.Count != 5 || bn.Input.Skip(1).Any(i => !g.IsInitializer(i)))
            throw Fail(g, $"BatchNorm '{bn.Name}' ({key}) must have stored scale, bias, mean and variance");
        var eps = OnnxGraph.Float(bn, "epsilon", 1e-5f);
        if (Math.Abs(eps - TorchBatchNormEpsilon) > 1e-8f)
            throw Fail(g, $"BatchNorm '{bn.Name}' ({key}) has epsilon {eps}; this encoder's BatchNorm uses {TorchBatchNormEpsilon}");
        string[] names = ["weight", "bias", "running_mean", "running_var"];
        for (var i = 0; i < 4; i++) tensors[$"{key}.{names[i]}"] = (g.FloatsOf(bn.Input[i + 1]), g.ShapeOf(bn.Input[i + 1]));
        return bn.Output[0];
    }

    private static string Relu(OnnxGraph g, string value) => Single(g, value, "Relu").Output[0];

    private static NodeProto Single(OnnxGraph g, string value, string opType)
    {
        var next = g.ConsumersOf(value);
        if (next.Count != 1 || next[0].OpType != opType)
            throw Fail(g, $"expected '{value}' to feed one {opType}, found [{string.Join(", ", next.Select(n => n.OpType))}]");
        return next[0];
    }

    private static int KernelOf(OnnxGraph g, NodeProto conv) =>
        conv.Input.Count > 1 && g.IsInitializer(conv.Input[1]) && g.ShapeOf(conv.Input[1]) is { Length: 4 } s ? (int)s[2] : -1;

    private static UserFacingException Fail(OnnxGraph g, string why) => new($"{g.Path} is not a ResNet this project can import: {why}");
}
