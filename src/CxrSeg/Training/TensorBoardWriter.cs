using System.Buffers.Binary;

namespace CxrSeg.Training;

/// <summary>
/// Writes TensorBoard event files (events.out.tfevents.*): TFRecord framing (length, masked CRC-32C, data,
/// masked CRC-32C) around hand-encoded <c>Event</c> protobufs holding scalar summaries.
/// </summary>
public sealed class TensorBoardWriter : IDisposable
{
    private readonly FileStream _stream;

    /// <summary>Opens a new event file in <paramref name="folder"/> and writes the file-version record.</summary>
    public TensorBoardWriter(string folder)
    {
        Directory.CreateDirectory(folder);
        var stamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        Path = System.IO.Path.Combine(folder, $"events.out.tfevents.{stamp}.{Environment.MachineName}.{Environment.ProcessId}.{Guid.NewGuid().ToString("N")[..6]}");
        _stream = new FileStream(Path, FileMode.CreateNew, FileAccess.Write);
        var ev = new List<byte>();
        WallTime(ev);
        Tag(ev, 3, 2);
        Bytes(ev, "brain.Event:2"u8);
        WriteRecord(ev.ToArray());
    }

    /// <summary>The event file being written.</summary>
    public string Path { get; }

    /// <summary>Writes one scalar at a step and flushes.</summary>
    public void Scalar(string tag, double value, long step)
    {
        var val = new List<byte>();
        Tag(val, 1, 2);
        Bytes(val, System.Text.Encoding.UTF8.GetBytes(tag));
        Tag(val, 2, 5);
        Span<byte> f = stackalloc byte[4];
        BinaryPrimitives.WriteSingleLittleEndian(f, (float)value);
        val.AddRange(f.ToArray());
        var summary = new List<byte>();
        Tag(summary, 1, 2);
        Bytes(summary, val.ToArray());
        var ev = new List<byte>();
        WallTime(ev);
        Tag(ev, 2, 0);
        Varint(ev, (ulong)step);
        Tag(ev, 5, 2);
        Bytes(ev, summary.ToArray());
        WriteRecord(ev.ToArray());
        _stream.Flush();
    }

    private void WriteRecord(byte[] data)
    {
        Span<byte> head = stackalloc byte[12];
        BinaryPrimitives.WriteUInt64LittleEndian(head, (ulong)data.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(head[8..], Crc32C.Masked(head[..8]));
        _stream.Write(head);
        _stream.Write(data);
        Span<byte> tail = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(tail, Crc32C.Masked(data));
        _stream.Write(tail);
    }

    private static void WallTime(List<byte> o)
    {
        Tag(o, 1, 1);
        Span<byte> d = stackalloc byte[8];
        BinaryPrimitives.WriteDoubleLittleEndian(d, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0);
        o.AddRange(d.ToArray());
    }

    private static void Tag(List<byte> o, int field, int wire) => Varint(o, (ulong)((field << 3) | wire));

    private static void Bytes(List<byte> o, ReadOnlySpan<byte> b)
    {
        Varint(o, (ulong)b.Length);
        o.AddRange(b.ToArray());
    }

    private static void Varint(List<byte> o, ulong v)
    {
        while (v >= 0x80) { o.Add((byte)(v | 0x80)); v >>= 7; }
        o.Add((byte)v);
    }

    /// <inheritdoc />
    public void Dispose() => _stream.Dispose();
}
