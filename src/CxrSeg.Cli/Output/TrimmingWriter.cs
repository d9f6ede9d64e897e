using System.Text;

namespace CxrSeg.Cli.Output;

/// <summary>
/// Passes text through to another writer without trailing spaces at line ends (layout padding is noise in a pipe or a
/// log and breaks <c>grep 'word$'</c>). Spaces are held back until a non-space character shows they were inner.
/// </summary>
public sealed class TrimmingWriter(TextWriter inner) : TextWriter
{
    private int _pendingSpaces;

    /// <inheritdoc />
    public override Encoding Encoding => inner.Encoding;

    /// <inheritdoc />
    public override void Write(char value)
    {
        if (value == ' ') { _pendingSpaces++; return; }
        if (value is '\n' or '\r') _pendingSpaces = 0;
        else if (_pendingSpaces > 0) { inner.Write(new string(' ', _pendingSpaces)); _pendingSpaces = 0; }
        inner.Write(value);
    }

    /// <inheritdoc />
    public override void Write(string? value)
    {
        if (value is null) return;
        foreach (var c in value) Write(c);
    }

    /// <inheritdoc />
    public override void Write(char[] buffer, int index, int count)
    {
        for (var i = 0; i < count; i++) Write(buffer[index + i]);
    }

    /// <inheritdoc />
    public override void Flush() => inner.Flush();
}
