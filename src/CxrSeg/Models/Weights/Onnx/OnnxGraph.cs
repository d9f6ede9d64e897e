using Onnx;

namespace CxrSeg.Models.Weights.Onnx;

/// <summary>
/// A parsed ONNX graph (through OnnxSharp's protobuf classes) with the look-ups a structural walk needs: the node that
/// produces a value, the nodes that consume it, and initializers as float arrays. The file is named in every error.
/// </summary>
public sealed class OnnxGraph
{
    private readonly Dictionary<string, NodeProto> _producer = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<NodeProto>> _consumers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TensorProto> _initializers = new(StringComparer.Ordinal);

    private OnnxGraph(string path, ModelProto model)
    {
        Path = path;
        Model = model;
        foreach (var t in model.Graph.Initializer) _initializers[t.Name] = t;
        foreach (var n in model.Graph.Node)
        {
            foreach (var o in n.Output) _producer[o] = n;
            foreach (var i in n.Input)
            {
                if (!_consumers.TryGetValue(i, out var list)) _consumers[i] = list = [];
                list.Add(n);
            }
        }
    }

    /// <summary>The file the graph was read from.</summary>
    public string Path { get; }

    /// <summary>The parsed model.</summary>
    public ModelProto Model { get; }

    /// <summary>Names of the graph inputs that are not initializers (the real inputs).</summary>
    public IReadOnlyList<string> Inputs => Model.Graph.Input.Select(i => i.Name).Where(n => !_initializers.ContainsKey(n)).ToList();

    /// <summary>Reads an ONNX file; a file that is not a valid ONNX model is a <see cref="UserFacingException"/> naming it.</summary>
    public static OnnxGraph Load(string path)
    {
        Platform.RegularFile.Require(path, "ONNX file");
        ModelProto model;
        try
        {
            using var stream = File.OpenRead(path);
            model = ModelProto.Parser.ParseFrom(stream);
        }
        catch (Exception e) when (e is Google.Protobuf.InvalidProtocolBufferException or IOException)
        {
            throw new UserFacingException($"{path} is not a readable ONNX model: {e.Message}", e);
        }
        if (model.Graph is null || model.Graph.Node.Count == 0) throw new UserFacingException($"{path} is not an ONNX model (no graph nodes)");
        return new OnnxGraph(path, model);
    }

    /// <summary>The nodes that read <paramref name="value"/>, in graph order.</summary>
    public IReadOnlyList<NodeProto> ConsumersOf(string value) =>
        _consumers.TryGetValue(value, out var list) ? list : [];

    /// <summary>The node that writes <paramref name="value"/>, or null for a graph input or initializer.</summary>
    public NodeProto? ProducerOf(string value) => _producer.GetValueOrDefault(value);

    /// <summary>Whether <paramref name="name"/> is an initializer (a stored weight).</summary>
    public bool IsInitializer(string name) => _initializers.ContainsKey(name);

    /// <summary>An initializer's shape.</summary>
    public long[] ShapeOf(string name) => Initializer(name).Dims.ToArray();

    /// <summary>An initializer's values as float32 (stored as float_data or little-endian raw_data).</summary>
    public float[] FloatsOf(string name)
    {
        var t = Initializer(name);
        if (t.DataType != (int)TensorProto.Types.DataType.Float)
            throw new UserFacingException($"{Path}: initializer '{name}' has element type {t.DataType}, expected float32");
        var count = t.Dims.Aggregate(1L, (a, d) => a * d);
        float[] values;
        if (t.FloatData.Count > 0) values = t.FloatData.ToArray();
        else
        {
            var bytes = t.RawData.Span;
            values = new float[bytes.Length / 4];
            for (var i = 0; i < values.Length; i++) values[i] = BitConverter.ToSingle(bytes.Slice(i * 4, 4));
        }
        if (values.Length != count)
            throw new UserFacingException($"{Path}: initializer '{name}' holds {values.Length} values for shape [{string.Join(", ", t.Dims)}]");
        return values;
    }

    /// <summary>An integer-list attribute of a node, or <paramref name="fallback"/> when absent.</summary>
    public static long[] Ints(NodeProto node, string name, long[] fallback) =>
        node.Attribute.FirstOrDefault(a => a.Name == name) is { } a ? a.Ints.ToArray() : fallback;

    /// <summary>An integer attribute of a node, or <paramref name="fallback"/> when absent.</summary>
    public static long Int(NodeProto node, string name, long fallback) =>
        node.Attribute.FirstOrDefault(a => a.Name == name) is { } a ? a.I : fallback;

    /// <summary>A float attribute of a node, or <paramref name="fallback"/> when absent.</summary>
    public static float Float(NodeProto node, string name, float fallback) =>
        node.Attribute.FirstOrDefault(a => a.Name == name) is { } a ? a.F : fallback;

    /// <summary>A string attribute of a node, or <paramref name="fallback"/> when absent.</summary>
    public static string Text(NodeProto node, string name, string fallback) =>
        node.Attribute.FirstOrDefault(a => a.Name == name) is { } a ? a.S.ToStringUtf8() : fallback;

    private TensorProto Initializer(string name) =>
        _initializers.TryGetValue(name, out var t) ? t : throw new UserFacingException($"{Path}: '{name}' is not an initializer");
}
