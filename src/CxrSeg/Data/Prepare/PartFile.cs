using System.Text;
using CxrSeg.Platform;

namespace CxrSeg.Data.Prepare;

/// <summary>
/// One finished item of an interrupted-safe prepare: parts/&lt;index&gt;.item (a <see cref="PreparedItem"/>) or
/// parts/&lt;index&gt;.reject (the reason). Both are written atomically, so a part that exists is complete.
/// </summary>
public static class PartFile
{
    /// <summary>Path of an accepted item's part.</summary>
    public static string ItemPath(string parts, int index) => Path.Combine(parts, $"{index:D8}.item");

    /// <summary>Path of a rejected item's part.</summary>
    public static string RejectPath(string parts, int index) => Path.Combine(parts, $"{index:D8}.reject");

    /// <summary>Writes an item.</summary>
    public static void WriteItem(string path, PreparedItem item)
    {
        using var ms = new MemoryStream();
        using (var w = new BinaryWriter(ms, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(item.Id);
            w.Write(item.PatientId);
            Bytes(w, item.Image);
            Bytes(w, item.Mask);
            w.Write(item.Labels is null ? -1 : item.Labels.Length);
            foreach (var f in item.Labels ?? []) w.Write(f);
            Bytes(w, item.Labelled);
            Bytes(w, item.Present);
        }
        AtomicFile.WriteAllBytes(path, ms.ToArray());
    }

    /// <summary>Reads an item.</summary>
    public static PreparedItem ReadItem(string path)
    {
        using var r = new BinaryReader(File.OpenRead(path), Encoding.UTF8);
        var id = r.ReadString();
        var patient = r.ReadString();
        var image = ReadBytes(r)!;
        var mask = ReadBytes(r);
        int n = r.ReadInt32();
        float[]? labels = null;
        if (n >= 0) { labels = new float[n]; for (int i = 0; i < n; i++) labels[i] = r.ReadSingle(); }
        return new PreparedItem(id, patient, image, mask, labels, ReadBytes(r)!, ReadBytes(r)!);
    }

    private static void Bytes(BinaryWriter w, byte[]? b)
    {
        w.Write(b is null ? -1 : b.Length);
        if (b is not null) w.Write(b);
    }

    private static byte[]? ReadBytes(BinaryReader r)
    {
        int n = r.ReadInt32();
        return n < 0 ? null : r.ReadBytes(n);
    }
}
