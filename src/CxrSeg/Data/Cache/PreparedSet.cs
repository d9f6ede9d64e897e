using System.IO.MemoryMappedFiles;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace CxrSeg.Data.Cache;

/// <summary>
/// A prepared cache opened read-only with memory-mapped files: images.u8 (N×S×S), masks.u8 (N×C×S×S, 0/1,
/// channel-major) or labels.f32 (N×C little-endian floats), labelled.u8 (N×C). Nothing is decoded per epoch;
/// every Copy* is a memory copy. Thread-safe for concurrent readers.
/// </summary>
public sealed unsafe class PreparedSet : IPreparedSet, IDisposable
{
    private readonly Mapped _images;
    private readonly Mapped _target;
    private readonly Mapped _labelled;
    private readonly CacheIndex _index;

    private PreparedSet(string dir, CacheManifest m, CacheIndex index, DatasetSplits splits)
    {
        Directory = dir;
        Manifest = m;
        Name = m.Dataset;
        Size = m.Size;
        ClassNames = m.ClassNames;
        Target = Enum.Parse<TargetKind>(m.Target);
        Splits = splits;
        _index = index;
        long n = m.Count, s2 = (long)m.Size * m.Size, c = m.ClassNames.Length;
        _images = Mapped.Open(Path.Combine(dir, "images.u8"), n * s2);
        _target = Target == TargetKind.Mask ? Mapped.Open(Path.Combine(dir, "masks.u8"), n * c * s2) : Mapped.Open(Path.Combine(dir, "labels.f32"), n * c * 4);
        _labelled = Mapped.Open(Path.Combine(dir, "labelled.u8"), n * c);
    }

    /// <summary>Opens the cache folder written by <c>prepare</c>; throws <see cref="UserFacingException"/> naming what is missing or inconsistent.</summary>
    public static PreparedSet Open(string dir)
    {
        var manifestPath = Path.Combine(dir, "manifest.json");
        if (!File.Exists(manifestPath)) throw new UserFacingException($"{dir} is not a finished prepared cache: manifest.json not found (run or finish `cxrseg prepare`)");
        var m = Read<CacheManifest>(manifestPath);
        var index = Read<CacheIndex>(Path.Combine(dir, "index.json"));
        var splitsDto = Read<DatasetSplitsDto>(Path.Combine(dir, "splits.json"));
        CacheCheck.Manifest(dir, m);
        if (index.Ids is null || index.Patients is null) throw CacheCheck.Damaged(dir, "index.json", "ids/patients", "missing");
        if (index.Ids.Length != m.Count || index.Patients.Length != m.Count)
            throw new UserFacingException($"{dir}: index.json lists {index.Ids.Length} images, manifest.json says {m.Count}");
        CacheCheck.Splits(dir, splitsDto, m.Count);
        return new PreparedSet(dir, m, index, splitsDto.ToSplits());
    }

    private static T Read<T>(string path)
    {
        if (!File.Exists(path)) throw new UserFacingException($"prepared cache file missing: {path}");
        try { return JsonSerializer.Deserialize<T>(File.ReadAllText(path)) ?? throw new UserFacingException($"{path} is empty"); }
        catch (JsonException e) { throw new UserFacingException($"prepared cache file {path} is damaged: not valid JSON or a field of the wrong type ({e.Message})", e); }
    }

    /// <summary>The cache folder.</summary>
    public string Directory { get; }

    /// <summary>The manifest as written by prepare.</summary>
    public CacheManifest Manifest { get; }

    /// <inheritdoc />
    public string Name { get; }
    /// <inheritdoc />
    public int Count => Manifest.Count;
    /// <inheritdoc />
    public int Size { get; }
    /// <inheritdoc />
    public IReadOnlyList<string> ClassNames { get; }
    /// <inheritdoc />
    public TargetKind Target { get; }
    /// <inheritdoc />
    public DatasetSplits Splits { get; }
    /// <inheritdoc />
    public string Id(int index) => _index.Ids[index];
    /// <inheritdoc />
    public string PatientId(int index) => _index.Patients[index];

    /// <inheritdoc />
    public void CopyImage(int index, Span<byte> destination)
    {
        long s2 = (long)Size * Size;
        _images.Span(Check(index) * s2, (int)s2).CopyTo(destination);
    }

    /// <inheritdoc />
    public void CopyMask(int index, Span<byte> destination)
    {
        if (Target != TargetKind.Mask) throw new InvalidOperationException($"{Name} has labels, not masks");
        long len = (long)ClassNames.Count * Size * Size;
        _target.Span(Check(index) * len, (int)len).CopyTo(destination);
    }

    /// <inheritdoc />
    public void CopyLabels(int index, Span<float> destination)
    {
        if (Target != TargetKind.Labels) throw new InvalidOperationException($"{Name} has masks, not labels");
        int c = ClassNames.Count;
        MemoryMarshal.Cast<byte, float>(_target.Span(Check(index) * c * 4, c * 4)).CopyTo(destination);
    }

    /// <inheritdoc />
    public void CopyLabelled(int index, Span<byte> destination)
    {
        int c = ClassNames.Count;
        _labelled.Span(Check(index) * c, c).CopyTo(destination);
    }

    private long Check(int index) =>
        (uint)index < (uint)Count ? index : throw new ArgumentOutOfRangeException(nameof(index), $"index {index} outside 0..{Count - 1}");

    /// <summary>Unmaps the files.</summary>
    public void Dispose()
    {
        _images.Dispose();
        _target.Dispose();
        _labelled.Dispose();
    }

    private sealed class Mapped : IDisposable
    {
        private readonly MemoryMappedFile? _file;
        private readonly MemoryMappedViewAccessor? _view;
        private readonly byte* _ptr;

        private Mapped(MemoryMappedFile? file, MemoryMappedViewAccessor? view, byte* ptr)
        {
            _file = file;
            _view = view;
            _ptr = ptr;
        }

        public static Mapped Open(string path, long expected)
        {
            if (!File.Exists(path)) throw new UserFacingException($"prepared cache file missing: {path}");
            long len = new FileInfo(path).Length;
            if (len != expected) throw new UserFacingException($"{path} holds {len} bytes, the manifest implies {expected}: the cache is damaged, delete the folder and prepare again");
            if (len == 0) return new Mapped(null, null, null);
            var file = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
            var view = file.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
            byte* p = null;
            view.SafeMemoryMappedViewHandle.AcquirePointer(ref p);
            return new Mapped(file, view, p + view.PointerOffset);
        }

        public ReadOnlySpan<byte> Span(long offset, int length) => new(_ptr + offset, length);

        public void Dispose()
        {
            if (_view is not null)
            {
                _view.SafeMemoryMappedViewHandle.ReleasePointer();
                _view.Dispose();
            }
            _file?.Dispose();
        }
    }
}
