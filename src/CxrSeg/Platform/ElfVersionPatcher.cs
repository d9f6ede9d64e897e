using System.Buffers.Binary;
using System.Text;

namespace CxrSeg.Platform;

/// <summary>Outcome of <see cref="ElfVersionPatcher.MakeVersionWeak"/>.</summary>
public enum ElfPatchOutcome
{
    /// <summary>The file required the version strictly; the requirement is now weak.</summary>
    Patched,
    /// <summary>The requirement was already weak: nothing written.</summary>
    AlreadyWeak,
    /// <summary>The file does not require that version at all.</summary>
    NotRequired,
}

/// <summary>
/// Marks one symbol-version requirement (a <c>Vernaux</c> entry of <c>.gnu.version_r</c>) of a 64-bit
/// little-endian ELF shared object as weak (<c>VER_FLG_WEAK</c>), so that the dynamic loader accepts the
/// library on a host whose provider lacks that version. Only the two flag bytes change.
/// </summary>
public static class ElfVersionPatcher
{
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const ushort VerFlgWeak = 0x2;

    /// <summary>Reads the vna_flags of the named requirement, or null when the file does not require it.</summary>
    public static ushort? ReadFlags(string path, string version)
    {
        var bytes = File.ReadAllBytes(path);
        var offset = FindVernauxFlagsOffset(bytes, version, path);
        return offset is { } o ? BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(o)) : null;
    }

    /// <summary>Makes the requirement weak in place, atomically (temp file + rename). Idempotent.</summary>
    public static ElfPatchOutcome MakeVersionWeak(string path, string version)
    {
        var bytes = File.ReadAllBytes(path);
        if (FindVernauxFlagsOffset(bytes, version, path) is not { } offset) return ElfPatchOutcome.NotRequired;
        var flags = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(offset));
        if ((flags & VerFlgWeak) != 0) return ElfPatchOutcome.AlreadyWeak;
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(offset), (ushort)(flags | VerFlgWeak));
        AtomicFile.WriteAllBytes(path, bytes);
        return ElfPatchOutcome.Patched;
    }

    /// <summary>Sets the flags of the named requirement to the given value (used by tests to undo a patch).</summary>
    public static void WriteFlags(string path, string version, ushort flags)
    {
        var bytes = File.ReadAllBytes(path);
        var offset = FindVernauxFlagsOffset(bytes, version, path)
                     ?? throw new InvalidDataException($"{path}: no requirement for {version}");
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(offset), flags);
        AtomicFile.WriteAllBytes(path, bytes);
    }

    private static int? FindVernauxFlagsOffset(byte[] b, string version, string path)
    {
        var span = b.AsSpan();
        if (b.Length < 64 || b[0] != 0x7f || b[1] != (byte)'E' || b[2] != (byte)'L' || b[3] != (byte)'F')
            throw new InvalidDataException($"{path}: not an ELF file");
        if (b[4] != 2 || b[5] != 1)
            throw new InvalidDataException($"{path}: only 64-bit little-endian ELF is supported");
        var shoff = checked((int)BinaryPrimitives.ReadUInt64LittleEndian(span[0x28..]));
        var shentsize = BinaryPrimitives.ReadUInt16LittleEndian(span[0x3A..]);
        var shnum = BinaryPrimitives.ReadUInt16LittleEndian(span[0x3C..]);
        for (var i = 0; i < shnum; i++)
        {
            var sh = span[(shoff + i * shentsize)..];
            if (BinaryPrimitives.ReadUInt32LittleEndian(sh[4..]) != ShtGnuVerneed) continue;
            var secOff = checked((int)BinaryPrimitives.ReadUInt64LittleEndian(sh[0x18..]));
            var link = BinaryPrimitives.ReadUInt32LittleEndian(sh[0x28..]);
            var count = BinaryPrimitives.ReadUInt32LittleEndian(sh[0x2C..]); // sh_info = number of Verneed entries
            var strSh = span[(shoff + (int)link * shentsize)..];
            var strOff = checked((int)BinaryPrimitives.ReadUInt64LittleEndian(strSh[0x18..]));
            var need = secOff;
            for (var n = 0; n < count; n++)
            {
                var vnCnt = BinaryPrimitives.ReadUInt16LittleEndian(span[(need + 2)..]);
                var vnAux = BinaryPrimitives.ReadUInt32LittleEndian(span[(need + 8)..]);
                var vnNext = BinaryPrimitives.ReadUInt32LittleEndian(span[(need + 12)..]);
                var aux = need + (int)vnAux;
                for (var a = 0; a < vnCnt; a++)
                {
                    var nameOff = BinaryPrimitives.ReadUInt32LittleEndian(span[(aux + 8)..]);
                    if (ReadCString(b, strOff + (int)nameOff) == version) return aux + 4;
                    var next = BinaryPrimitives.ReadUInt32LittleEndian(span[(aux + 12)..]);
                    if (next == 0) break;
                    aux += (int)next;
                }
                if (vnNext == 0) break;
                need += (int)vnNext;
            }
        }
        return null;
    }

    private static string ReadCString(byte[] b, int offset)
    {
        var end = Array.IndexOf(b, (byte)0, offset);
        return Encoding.ASCII.GetString(b, offset, end - offset);
    }
}
