namespace CxrSeg.Data.Cache;

/// <summary>
/// Several prepared sets trained on as one (e.g. JSRT anatomy + ChestX-Det findings as one segmentation stage, or every
/// real X-ray for an autoencoder). Classes are the union of the parts' class names (case-insensitive, in order of first
/// appearance); each image is labelled only for its own part's classes (and only where that part labels them), so the
/// loss leaves the other parts' classes alone. Splits are the parts' splits, concatenated. Parts must share the image
/// size. Parts with different targets (masks and labels) combine into a set with no classes, which only an autoencoder
/// can train on. Disposing the set disposes its parts.
/// </summary>
public sealed class CombinedPreparedSet : IPreparedSet, IDisposable
{
    private readonly IReadOnlyList<IPreparedSet> _parts;
    private readonly int[] _offsets;
    private readonly int[][] _channelOf;

    /// <summary>Combines <paramref name="parts"/> (at least two).</summary>
    public CombinedPreparedSet(IReadOnlyList<IPreparedSet> parts)
    {
        if (parts.Count < 2) throw new ArgumentException("a combined set needs at least two parts", nameof(parts));
        _parts = parts;
        Size = parts[0].Size;
        foreach (var p in parts)
            if (p.Size != Size)
                throw new UserFacingException($"prepared sets to combine must share one image size: '{parts[0].Name}' is {Size}², '{p.Name}' is {p.Size}²");
        var sameTarget = parts.All(p => p.Target == parts[0].Target);
        Target = sameTarget ? parts[0].Target : TargetKind.Labels;
        var names = new List<string>();
        _channelOf = parts.Select(p => sameTarget ? p.ClassNames.Select(n => ChannelFor(names, n)).ToArray() : []).ToArray();
        ClassNames = names;
        _offsets = new int[parts.Count + 1];
        for (var i = 0; i < parts.Count; i++) _offsets[i + 1] = _offsets[i] + parts[i].Count;
        Name = string.Join("+", parts.Select(p => p.Name));
        IReadOnlyList<int> Concat(Func<DatasetSplits, IReadOnlyList<int>> pick) =>
            parts.SelectMany((p, i) => pick(p.Splits).Select(k => k + _offsets[i])).ToArray();
        Splits = new DatasetSplits(Concat(s => s.Train), Concat(s => s.Validation), Concat(s => s.Test), []);
    }

    /// <summary>The parts, in order.</summary>
    public IReadOnlyList<IPreparedSet> Parts => _parts;

    /// <inheritdoc />
    public string Name { get; }
    /// <inheritdoc />
    public int Count => _offsets[^1];
    /// <inheritdoc />
    public int Size { get; }
    /// <inheritdoc />
    public IReadOnlyList<string> ClassNames { get; }
    /// <inheritdoc />
    public TargetKind Target { get; }
    /// <inheritdoc />
    public DatasetSplits Splits { get; }

    /// <inheritdoc />
    public string Id(int index)
    {
        var (p, k) = Locate(index);
        return $"{_parts[p].Name}/{_parts[p].Id(k)}";
    }

    /// <inheritdoc />
    public string PatientId(int index)
    {
        var (p, k) = Locate(index);
        return _parts[p].PatientId(k);
    }

    /// <inheritdoc />
    public void CopyImage(int index, Span<byte> destination)
    {
        var (p, k) = Locate(index);
        _parts[p].CopyImage(k, destination);
    }

    /// <inheritdoc />
    public void CopyMask(int index, Span<byte> destination)
    {
        if (Target != TargetKind.Mask) throw new InvalidOperationException($"{Name} has no masks");
        var (p, k) = Locate(index);
        int n = Size * Size, c = _parts[p].ClassNames.Count;
        var own = System.Buffers.ArrayPool<byte>.Shared.Rent(c * n);
        try
        {
            _parts[p].CopyMask(k, own.AsSpan(0, c * n));
            destination[..(ClassNames.Count * n)].Clear();
            for (var ch = 0; ch < c; ch++)
                own.AsSpan(ch * n, n).CopyTo(destination.Slice(_channelOf[p][ch] * n, n));
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(own);
        }
    }

    /// <inheritdoc />
    public void CopyLabels(int index, Span<float> destination)
    {
        if (Target != TargetKind.Labels) throw new InvalidOperationException($"{Name} has no labels");
        destination[..ClassNames.Count].Clear();
        if (ClassNames.Count == 0) return;
        var (p, k) = Locate(index);
        var own = new float[_parts[p].ClassNames.Count];
        _parts[p].CopyLabels(k, own);
        for (var ch = 0; ch < own.Length; ch++) destination[_channelOf[p][ch]] = own[ch];
    }

    /// <inheritdoc />
    public void CopyLabelled(int index, Span<byte> destination)
    {
        destination[..ClassNames.Count].Clear();
        if (ClassNames.Count == 0) return;
        var (p, k) = Locate(index);
        var own = new byte[_parts[p].ClassNames.Count];
        _parts[p].CopyLabelled(k, own);
        for (var ch = 0; ch < own.Length; ch++) destination[_channelOf[p][ch]] = own[ch];
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var p in _parts) (p as IDisposable)?.Dispose();
    }

    private (int Part, int Index) Locate(int index)
    {
        if ((uint)index >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(index), $"index {index} is outside 0..{Count - 1}");
        var p = 0;
        while (index >= _offsets[p + 1]) p++; // a handful of parts; empty parts are stepped over
        return (p, index - _offsets[p]);
    }

    private static int ChannelFor(List<string> names, string name)
    {
        var i = names.FindIndex(n => n.Equals(name, StringComparison.OrdinalIgnoreCase));
        if (i >= 0) return i;
        names.Add(name);
        return names.Count - 1;
    }
}
