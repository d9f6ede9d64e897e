namespace CxrSeg.Data.Cache;

/// <summary>A prepared set held in arrays: for tests, benchmarks and small synthetic runs.</summary>
public sealed class InMemoryPreparedSet : IPreparedSet
{
    private readonly byte[][] _images;
    private readonly byte[][]? _masks;
    private readonly float[][]? _labels;
    private readonly byte[][] _labelled;
    private readonly string[] _ids;
    private readonly string[] _patients;

    /// <summary>Creates a set; masks (C×S×S each) or labels (C each) must be given to match <paramref name="target"/>.</summary>
    public InMemoryPreparedSet(string name, int size, IReadOnlyList<string> classNames, TargetKind target,
        byte[][] images, byte[][]? masks, float[][]? labels, byte[][]? labelled, DatasetSplits splits,
        string[]? ids = null, string[]? patients = null)
    {
        Name = name;
        Size = size;
        ClassNames = classNames;
        Target = target;
        _images = images;
        _masks = masks;
        _labels = labels;
        _labelled = labelled ?? images.Select(_ => Enumerable.Repeat((byte)1, classNames.Count).ToArray()).ToArray();
        Splits = splits;
        _ids = ids ?? Enumerable.Range(0, images.Length).Select(i => $"img{i:D4}").ToArray();
        _patients = patients ?? _ids;
        if (images.Any(i => i.Length != size * size)) throw new ArgumentException("every image must hold Size×Size bytes");
        if (target == TargetKind.Mask && (masks is null || masks.Any(m => m.Length != classNames.Count * size * size)))
            throw new ArgumentException("every mask must hold C×Size×Size bytes");
        if (target == TargetKind.Labels && (labels is null || labels.Any(l => l.Length != classNames.Count)))
            throw new ArgumentException("every label vector must hold C floats");
    }

    /// <inheritdoc />
    public string Name { get; }
    /// <inheritdoc />
    public int Count => _images.Length;
    /// <inheritdoc />
    public int Size { get; }
    /// <inheritdoc />
    public IReadOnlyList<string> ClassNames { get; }
    /// <inheritdoc />
    public TargetKind Target { get; }
    /// <inheritdoc />
    public DatasetSplits Splits { get; }
    /// <inheritdoc />
    public string Id(int index) => _ids[index];
    /// <inheritdoc />
    public string PatientId(int index) => _patients[index];
    /// <inheritdoc />
    public void CopyImage(int index, Span<byte> destination) => _images[index].CopyTo(destination);
    /// <inheritdoc />
    public void CopyMask(int index, Span<byte> destination) =>
        (_masks ?? throw new InvalidOperationException($"{Name} has no masks"))[index].CopyTo(destination);
    /// <inheritdoc />
    public void CopyLabels(int index, Span<float> destination) =>
        (_labels ?? throw new InvalidOperationException($"{Name} has no labels"))[index].CopyTo(destination);
    /// <inheritdoc />
    public void CopyLabelled(int index, Span<byte> destination) => _labelled[index].CopyTo(destination);
}
